package de.tomaudit.hostile;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Hostile inputs of every class issue 13 names, as whole CLI runs: the fixed cases under
 * src/test/resources/hostile/ (a dir: root each, with the command line in {@code args}) and
 * generated ones whose size grows with a scale (thousands of Match blocks, include meshes, waiver
 * globs of many stars, deep Ansible chains). {@link #CANARY} stands where a secret or a value that
 * breaks a parser stands; it must appear in no output, log or error.
 */
public final class HostileCorpus {
    public static final String CANARY = "Canary7f3Secret";

    /** What a run must show besides exit 0-3, no stack trace and no canary. */
    public enum Expect {
        /** Audited; garbage was met, so the target is partial. */
        PARTIAL,
        /** Audited; nothing wrong with the input's syntax (it is only big). */
        ANY_STATUS,
        /** The agent's own file is refused: exit 2 with one line. */
        REFUSED
    }

    public record Case(String name, List<String> args, Expect expect) { }

    private HostileCorpus() { }

    /** Every case, its files written under {@code work}; generated ones sized by {@code scale} (1, 10, 100). */
    public static List<Case> cases(Path work, int scale) throws IOException {
        List<Case> out = new ArrayList<>(fixed(work));
        out.addAll(generated(work, scale));
        return out;
    }

    /** The cases in src/test/resources/hostile, copied under work (file names with control characters are made here). */
    static List<Case> fixed(Path work) throws IOException {
        Path base;
        try {
            base = Path.of(HostileCorpus.class.getResource("/hostile").toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        List<Case> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(base)) {
            for (Path d : dirs.sorted().toList()) {
                if (!Files.exists(d.resolve("args"))) {
                    continue;
                }
                Path copy = work.resolve(d.getFileName().toString());
                copyTree(d, copy);
                List<String> args = new ArrayList<>();
                Expect expect = Expect.ANY_STATUS;
                for (String line : Files.readAllLines(d.resolve("args"))) {
                    if (line.startsWith("expect ")) {
                        expect = Expect.valueOf(line.substring(7).strip());
                    } else if (!line.isBlank() && !line.startsWith("#")) {
                        args.add(line.strip().replace("${CASE}", copy.toString()).replace("${CANARY}", CANARY));
                    }
                }
                out.add(new Case(d.getFileName().toString(), args, expect));
            }
        }
        return out;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    String text = Files.readString(p, StandardCharsets.ISO_8859_1).replace("${CANARY}", CANARY);
                    Files.writeString(t, text, StandardCharsets.ISO_8859_1);
                }
            }
        }
    }

    static List<Case> generated(Path work, int scale) throws IOException {
        List<Case> out = new ArrayList<>();
        String host = "--kind=host";

        Path sshd = work.resolve("gen-sshd-match-flood");
        StringBuilder b = new StringBuilder("PasswordAuthentication no\n");
        for (int i = 0; i < 300 * scale; i++) {
            b.append("Match User u").append(i).append(",!x*y*z* Address 10.").append(i % 250).append(".0.0/16\n")
                    .append("  PasswordAuthentication yes\n");
        }
        write(sshd, "etc/ssh/sshd_config", b.toString());
        out.add(new Case("gen-sshd-match-flood", List.of("audit", host, "dir:" + sshd), Expect.ANY_STATUS));

        Path mesh = work.resolve("gen-nginx-include-mesh");
        write(mesh, "etc/nginx/nginx.conf", "events {}\nhttp { include /etc/nginx/conf.d/*.conf; }\n");
        for (int i = 0; i < 4 + 2 * scale; i++) {
            write(mesh, "etc/nginx/conf.d/" + i + ".conf", "include /etc/nginx/conf.d/*.conf;\nserver { listen 80; }\n");
        }
        out.add(new Case("gen-nginx-include-mesh", List.of("audit", host, "dir:" + mesh), Expect.PARTIAL));

        Path stars = work.resolve("gen-waiver-stars");
        String longName = "a".repeat(Math.min(250, 25 * scale));
        Files.createDirectories(stars.resolve(longName));
        write(stars, "waivers.yaml", "waivers:\n  - rule: host.time-sync\n    target: \"" + "*a".repeat(30 * scale) + "b\"\n"
                + "    justification: hostile\n    approver: test\n    expires: 2099-01-01\n");
        out.add(new Case("gen-waiver-stars", List.of("audit", host, "--waivers", stars.resolve("waivers.yaml").toString(),
                "dir:" + stars.resolve(longName)), Expect.ANY_STATUS));

        Path ansible = work.resolve("gen-ansible-deep-children");
        StringBuilder inv = new StringBuilder();
        int depth = 500 * scale;
        for (int i = 0; i < depth; i++) {
            inv.append("[g").append(i).append(":children]\ng").append(i + 1).append('\n');
        }
        inv.append("[g").append(depth).append("]\nhost1 ansible_connection=local\n");
        write(ansible, "hosts.ini", inv.toString());
        out.add(new Case("gen-ansible-deep-children", List.of("audit", host, "--inventory",
                ansible.resolve("hosts.ini").toString()), Expect.REFUSED));

        Path logrotate = work.resolve("gen-logrotate-junk");
        Random r = new Random(scale);
        byte[] junk = new byte[2048 * scale];
        r.nextBytes(junk);
        write(logrotate, "etc/logrotate.conf", "include /etc/logrotate.d\n");
        Files.createDirectories(logrotate.resolve("etc/logrotate.d"));
        Files.write(logrotate.resolve("etc/logrotate.d/junk"), junk);
        StringBuilder open = new StringBuilder();
        for (int i = 0; i < 50 * scale; i++) {
            open.append("/var/log/x").append(i).append(".log {\n  daily\n  rotate 7\n");
        }
        write(logrotate, "etc/logrotate.d/unbalanced", open.toString());
        out.add(new Case("gen-logrotate-junk", List.of("audit", host, "dir:" + logrotate), Expect.PARTIAL));

        Path deepYaml = work.resolve("gen-yaml-deep-nesting");
        int levels = 1000 * scale;
        write(deepYaml, "policy.yaml", "claims:\n  other: " + "[".repeat(levels) + "]".repeat(levels) + "\n");
        write(deepYaml, "hosts.yml", "all:\n  hosts: " + "{a: ".repeat(levels) + "x" + "}".repeat(levels) + "\n");
        out.add(new Case("gen-yaml-deep-nesting-claims", List.of("audit", host, "--policy",
                deepYaml.resolve("policy.yaml").toString(), "dir:" + deepYaml), Expect.REFUSED));
        // the deep map is host a's variable block: refused as nested too deep (exit 2, one line). It was
        // refused only when the composer's recursion overflowed the stack, which depended on the thread
        // (after the fleet merge it did not, and host a was audited): the depth is now counted first
        out.add(new Case("gen-yaml-deep-nesting-inventory", List.of("audit", host, "--inventory",
                deepYaml.resolve("hosts.yml").toString()), Expect.REFUSED));

        Path escape = work.resolve("gen-escape-names");
        write(escape, "etc/logrotate.conf", "include /etc/logrotate.d\n");
        write(escape, "etc/logrotate.d/evil\u001b[2J\u001b]0;owned\u0007", "/var/log/y.log {\n  rotate x\n}\n");
        out.add(new Case("gen-escape-names", List.of("audit", host, "dir:" + escape), Expect.PARTIAL));
        return out;
    }

    static void write(Path root, String rel, String text) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
    }
}
