package de.tomaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import de.tomaudit.report.Renderers;
import de.tomaudit.testsupport.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * What {@code --help} lists is kept: every option it shows (picocli's model, hidden options left
 * out) is named in README.md or docs/, with the same parameter name wherever the documents show one,
 * and every option and every format of {@code audit} runs (cheaply, with {@code --dry-run}) without a
 * usage error. A new option without documentation, a renamed parameter, or a format listed before it
 * works fails here.
 */
class HelpOptionsTest {

    @TempDir Path tmp;

    private static List<CommandSpec> commands() {
        List<CommandSpec> out = new ArrayList<>();
        collect(Main.commandLine(new String[0]).getCommandSpec(), out);
        return out;
    }

    private static void collect(CommandSpec spec, List<CommandSpec> out) {
        out.add(spec);
        spec.subcommands().values().stream().map(CommandLine::getCommandSpec).distinct()
                .filter(s -> !out.contains(s)).forEach(s -> collect(s, out));
    }

    private static List<OptionSpec> listed(CommandSpec spec) {
        return spec.options().stream().filter(o -> !o.hidden()).toList();
    }

    private static String documents() throws IOException {
        StringBuilder b = new StringBuilder(Files.readString(TestPaths.repo().resolve("README.md")));
        try (Stream<Path> docs = Files.list(TestPaths.repo().resolve("docs"))) {
            for (Path p : docs.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                b.append('\n').append(Files.readString(p));
            }
        }
        return b.toString();
    }

    @Test
    void everyListedOptionIsDocumentedUnderTheSameParameterName() throws IOException {
        String docs = documents();
        List<String> wrong = new ArrayList<>();
        for (CommandSpec c : commands()) {
            for (OptionSpec o : listed(c)) {
                String name = o.longestName();
                if (Set.of("--help", "--version").contains(name)) {
                    continue;
                }
                if (!Pattern.compile(Pattern.quote(name) + "(?![\\w-])").matcher(docs).find()) {
                    wrong.add(c.qualifiedName() + " " + name + ": not named in README.md or docs/");
                }
                // where a document shows the parameter in capitals (`--probe NAME:PORT[/MODE]`), it is --help's
                Matcher m = Pattern.compile(Pattern.quote(name) + "[ =]([A-Z](?:[A-Z_:\\[\\]/.]*[A-Z\\]])?(?:\\.[a-z]+)?)(?![\\w|])").matcher(docs);
                while (m.find()) {
                    String shown = balanced(m.group(1));
                    if (o.arity().max() > 0 && !shown.equals(o.paramLabel())) {
                        wrong.add(c.qualifiedName() + " " + name + ": documented as " + shown + ", --help says "
                                + o.paramLabel());
                    }
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    /** Drops the closing brackets of an enclosing {@code [--option VALUE]} from VALUE. */
    private static String balanced(String shown) {
        String s = shown;
        while (s.endsWith("]") && s.chars().filter(ch -> ch == ']').count() > s.chars().filter(ch -> ch == '[').count()) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    /** The formats the --format description lists, found by their names. */
    static Set<String> listedFormats() {
        OptionSpec format = new CommandLine(new AuditCommand()).getCommandSpec().findOption("--format");
        String text = String.join(" ", format.description());
        Set<String> known = new LinkedHashSet<>(List.of("console", "json", "sh"));
        known.addAll(Renderers.PLANNED);
        Renderers.all().forEach(r -> known.add(r.format()));
        Set<String> out = new LinkedHashSet<>();
        for (String k : known) {
            if (Pattern.compile("(?<![\\w/.-])" + Pattern.quote(k) + "(?![\\w/.-])").matcher(text).find()) {
                out.add(k);
            }
        }
        return out;
    }

    @Test
    void everyListedFormatWorks() throws IOException {
        Set<String> formats = listedFormats();
        assertTrue(formats.containsAll(List.of("console", "json")), formats.toString());
        Path host = Files.createDirectories(tmp.resolve("host/etc"));
        for (String f : formats) {
            Path out = tmp.resolve("out." + f);
            // the collection script comes from the plan (--dry-run); a report from an audit of a near-empty dir: target
            CliTest.Run r = f.equals("sh")
                    ? CliTest.run("audit", "--dry-run", "--format", f, "--output", out.toString())
                    : CliTest.run("audit", "dir:" + host.getParent(), "--kind", "host", "--format", f, "--output", out.toString());
            assertNotUsageError(r, "--format " + f);
            assertTrue(Files.size(out) > 0, "--format " + f + " wrote nothing");
        }
    }

    @Test
    void everyListedAuditOptionRuns() throws IOException {
        Path empty = Files.writeString(tmp.resolve("empty"), "");
        Path repo = TestPaths.repo();
        // a cheap value for each parameter, by the option's name first, then by its parameter label
        Map<String, String> byName = Map.ofEntries(
                Map.entry("--tom-group", "gdpr"),
                Map.entry("--org", "Beispielverein e.V."),
                Map.entry("--mastodon-db", "jdbc:postgresql://127.0.0.1:5432/mastodon"),
                Map.entry("--mastodon-db-user", "tomaudit_ro"),
                Map.entry("--inventory", repo.resolve("examples/inventory/tomaudit.yaml").toString()),
                Map.entry("--policy", repo.resolve("examples/policy/001-5222.de.yaml").toString()),
                Map.entry("--waivers", repo.resolve("examples/waivers.yaml").toString()),
                Map.entry("--rules", repo.resolve("rules/host").toString()),
                Map.entry("--output", tmp.resolve("out.txt").toString()),
                Map.entry("--format", "json"),
                Map.entry("--history", "jdbc:postgresql://127.0.0.1:55432/tomaudit_history?user=tomaudit"),
                Map.entry("--round", "nightly-2026-12-07"));
        Map<String, String> byLabel = Map.of("SECONDS", "5", "N", "2", "BYTES", "65536", "SEVERITY", "critical",
                "LANG", "de", "KIND", "host", "FILE", empty.toString(), "NAME:PORT[/MODE]", "localhost:8443/https");
        List<String> unknown = new ArrayList<>();
        for (OptionSpec o : listed(new CommandLine(new AuditCommand()).getCommandSpec())) {
            String name = o.longestName();
            List<String> args = new ArrayList<>(List.of("audit"));
            if (!name.equals("--dry-run")) {
                args.add("--dry-run");
            }
            args.add(name);
            if (o.arity().max() > 0) {
                String v = byName.getOrDefault(name, byLabel.get(o.paramLabel()));
                if (v == null) {
                    unknown.add(name + " " + o.paramLabel());
                    continue;
                }
                args.add(v);
            }
            if (name.equals("--probe-only")) {
                args.addAll(List.of("--probe", "localhost:8443"));
            }
            CliTest.Run r = CliTest.run(args.toArray(String[]::new));
            assertNotUsageError(r, String.join(" ", args));
        }
        if (!unknown.isEmpty()) {
            fail("--help lists options this test cannot run yet (add a cheap value above): " + unknown);
        }
    }

    private static void assertNotUsageError(CliTest.Run r, String what) {
        assertFalse(r.code() == 2, what + " is listed by --help but is refused: " + r.err());
        assertFalse(r.err().contains("not available in this version"), what + ": " + r.err());
        assertFalse(r.err().contains("\tat "), what + " gave a stack trace: " + r.err());
    }
}
