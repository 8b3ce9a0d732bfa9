package de.tomaudit.target.bundle;

import de.tomaudit.collect.PlannedAccess;
import de.tomaudit.target.CommandCatalog;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Writes {@code scripts/collect.sh} from the collectors' plans: a POSIX sh script (dash, busybox
 * ash) that reads exactly the planned files, directory listings and allow-listed commands of the
 * host it runs on into a bundle ({@link BundleLayout}). Globs are expanded one path component at
 * a time, as {@code Target#glob} does, and the listings they need are recorded so the agent can
 * expand them again from the bundle. {@code /dir/**} collects the whole tree. A command whose
 * argument is only known during an audit (e.g. {@code sshd -T -C user=…}) is not collected: the
 * collectors fall back to the files, as on a target where it cannot run. The same holds for plan
 * entries that describe paths known only from the target's data ({@code (backup locations the
 * jobs name)}); a description that names its paths ({@code (data directories: /, /var)}) is
 * collected path by path. Every path stat'ed also has its parent directories stat'ed, for
 * collectors that check who can reach a file.
 */
public final class CollectScript {

    /** One plan entry and who planned it (a collector id, or {@code detect}). */
    public record Step(String who, PlannedAccess access) { }

    private static final java.util.regex.Pattern PLAIN_PATH = java.util.regex.Pattern.compile("[A-Za-z0-9._/*?\\[\\]{},!^:+@%=~-]+");
    private static final java.util.regex.Pattern NAMED_PATHS = java.util.regex.Pattern.compile("\\([^():]+: (/[^()]*)\\)");
    private static final java.util.regex.Pattern GLOB_PART = java.util.regex.Pattern.compile("[A-Za-z0-9._*?\\[\\]{},!^:+@%=-]+");

    private CollectScript() { }

    public static String generate(List<Step> steps) {
        List<String> body = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Step s : steps) {
            PlannedAccess a = s.access();
            if (!seen.add(a.type() + " " + a.what())) {
                continue;
            }
            body.add("");
            body.add("# " + s.who() + ": " + oneLine(a.purpose()));
            if (a.type() == PlannedAccess.Type.RUN) {
                body.addAll(runStep(a.what()));
                continue;
            }
            String action = switch (a.type()) {
                case READ -> "t_read";
                case STAT -> "t_stat";
                default -> "t_list";
            };
            for (String path : paths(a.what())) {
                body.addAll(path.startsWith("/") ? pathStep(action, path)
                        : List.of("# known only from the target's data: " + oneLine(path) + "; not collected beyond the entries here",
                        "# (each stat also records the directories above its path)"));
            }
        }
        String planText = String.join("\n", body);
        String plan = sha256(planText).substring(0, 16);
        return header(plan) + planText + "\n\nt_finish\n";
    }

    /**
     * The paths of a plan entry: an absolute path or glob as it is; a description naming paths,
     * {@code (data directories: /, /var, /srv)}, as those paths; any other description (a path
     * only known from the target's own data) as it is, which is then not collected.
     */
    public static List<String> paths(String what) {
        if (what.startsWith("/")) {
            return List.of(what);
        }
        java.util.regex.Matcher m = NAMED_PATHS.matcher(what);
        if (m.matches()) {
            List<String> out = new ArrayList<>();
            for (String p : m.group(1).split(",\\s*")) {
                if (!p.startsWith("/")) {
                    return List.of(what);
                }
                out.add(p.strip());
            }
            return out;
        }
        return List.of(what);
    }

    private static List<String> runStep(String line) {
        for (CommandCatalog.Spec spec : CommandCatalog.all()) {
            if (spec.template().contains("{}")) {
                if (matchesWithArgument(spec.template(), line)) {
                    return List.of("# not collected: " + line + " (its argument is only known during an audit)");
                }
            } else if (String.join(" ", spec.template()).equals(line)) {
                StringBuilder b = new StringBuilder("t_run ").append(spec.id());
                spec.template().forEach(w -> b.append(' ').append(quote(w)));
                return List.of(b.toString());
            }
        }
        throw new IllegalArgumentException("planned command is not in the allow-list: " + line);
    }

    private static boolean matchesWithArgument(List<String> template, String line) {
        String[] words = line.split(" ");
        if (words.length != template.size()) {
            return false;
        }
        for (int i = 0; i < words.length; i++) {
            if (!template.get(i).equals("{}") && !template.get(i).equals(words[i])) {
                return false;
            }
        }
        return true;
    }

    /** A path or glob: fixed prefix, then one nested loop per glob component; {@code **} walks the tree. */
    static List<String> pathStep(String action, String pattern) {
        if (!pattern.startsWith("/") || !PLAIN_PATH.matcher(pattern).matches()) {
            throw new IllegalArgumentException("planned path must be absolute and plain: " + pattern);
        }
        List<String> parts = new ArrayList<>();
        for (String p : pattern.substring(1).split("/")) {
            if (!p.isEmpty()) {
                parts.add(p);
            }
        }
        List<String> out = new ArrayList<>();
        String var = "";
        StringBuilder lit = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            String indent = "    ".repeat(depth);
            if (part.equals("**")) {
                if (i != parts.size() - 1) {
                    throw new IllegalArgumentException("** must be the last component: " + pattern);
                }
                out.add(indent + "t_tree " + word(var, lit));
                return close(out, depth);
            }
            if (!isGlob(part)) {
                lit.append('/').append(part);
                continue;
            }
            if (!GLOB_PART.matcher(part).matches()) {
                throw new IllegalArgumentException("glob component with shell characters: " + pattern);
            }
            out.add(indent + "t_list " + word(var, lit));
            String base = "\"$R" + (var.isEmpty() ? "" : "$" + var) + "\"" + (lit.length() == 0 ? "" : "'" + lit + "'");
            List<String> words = new ArrayList<>();
            for (String alt : braces(part)) {
                words.add(base + "/" + alt);
            }
            depth++;
            var = "p" + depth;
            lit.setLength(0);
            out.add(indent + "for " + var + " in " + String.join(" ", words) + "; do");
            out.add(indent + "    t_is \"$" + var + "\" || continue");
            out.add(indent + "    " + var + "=${" + var + "#\"$R\"}");
        }
        out.add("    ".repeat(depth) + action + " " + word(var, lit));
        return close(out, depth);
    }

    /** The sh word for a loop variable followed by a fixed path ("/" when both are empty). */
    private static String word(String var, CharSequence lit) {
        String v = var.isEmpty() ? "" : "\"$" + var + "\"";
        String l = lit.length() == 0 ? "" : "'" + lit + "'";
        return v.isEmpty() && l.isEmpty() ? "/" : v + l;
    }

    private static List<String> close(List<String> out, int depth) {
        for (int d = depth; d > 0; d--) {
            out.add("    ".repeat(d - 1) + "done");
        }
        return out;
    }

    static boolean isGlob(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0 || s.indexOf('{') >= 0;
    }

    /** Expands {@code {a,b}} alternatives (which sh globs lack) into separate patterns. */
    static List<String> braces(String s) {
        int open = s.indexOf('{');
        if (open < 0) {
            return List.of(s);
        }
        int depth = 0;
        int close = -1;
        List<Integer> commas = new ArrayList<>();
        for (int i = open; i < s.length() && close < 0; i++) {
            char c = s.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                close = i;
            } else if (c == ',' && depth == 1) {
                commas.add(i);
            }
        }
        if (close < 0) {
            throw new IllegalArgumentException("unbalanced { in " + s);
        }
        List<String> out = new ArrayList<>();
        int from = open + 1;
        commas.add(close);
        for (int c : commas) {
            for (String rest : braces(s.substring(close + 1))) {
                out.addAll(braces(s.substring(0, open) + s.substring(from, c) + rest));
            }
            from = c + 1;
        }
        return List.copyOf(new LinkedHashSet<>(out));
    }

    /** A word of an allow-listed command, single-quoted for sh. */
    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ');
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Optional<String> resource(String name) {
        try (var in = CollectScript.class.getResourceAsStream(name)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    private static String header(String plan) {
        String functions = resource("collect-functions.sh")
                .orElseThrow(() -> new IllegalStateException("collect-functions.sh missing from the jar"));
        return functions.replace("@PLAN@", plan);
    }
}
