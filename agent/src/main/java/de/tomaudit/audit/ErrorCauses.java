package de.tomaudit.audit;

import de.tomaudit.facts.Fact;
import de.tomaudit.facts.FactSet;
import de.tomaudit.facts.Unavailable;
import de.tomaudit.result.Finding;
import de.tomaudit.result.Status;
import de.tomaudit.result.TargetError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One root cause, one error: groups what could not be known by its cause and lists in
 * {@code affects} the facts and rules each cause left undecided.
 *
 * <ul>
 * <li>A reason that repeats another as its tail ({@code ejabberd's logging could not be read: X}
 *     after {@code X}) belongs to the shorter one, its root cause.</li>
 * <li>Reasons that name the same root problem, a file and its kind of access problem (missing,
 *     permission denied, binary, too large, a symlink loop, a failed include glob) or the same problem
 *     text at the same file:line, are one cause whatever each collector wrote before it; a cause with
 *     one such access problem says just that problem ({@link #roots}), with its path said once.</li>
 * <li>Reasons joined with {@code "; "} (one per probed endpoint) are separate causes.</li>
 * <li>Endpoints of one product that refuse connections are one cause: the product is configured
 *     but not running when all its declared endpoints refuse.</li>
 * <li>A rule that errs for a reason no fact gave (a condition that cannot be evaluated) is a cause
 *     of its own.</li>
 * </ul>
 */
final class ErrorCauses {
    /** {@code 127.0.0.1:5222 (ejabberd c2s, example.org): connection refused}. */
    /** An endpoint's refusal as the probe writes it ({@code evidence.probe.refused}), in either language. */
    static final Pattern REFUSED = Pattern.compile("(\\S+:(\\d+))(?: \\(([^)]*)\\))?: (?:"
            + Pattern.quote(refusedWords("en")) + "|" + Pattern.quote(refusedWords("de")) + ")");

    private static String refusedWords(String lang) {
        String text = de.tomaudit.i18n.Texts.of(lang).get("evidence.probe.refused", "");
        return text.startsWith(": ") ? text.substring(2) : text;
    }
    private static final int MIN_CAUSE = 16;

    private ErrorCauses() { }

    /** A cause while grouping: its stage, its message, what it affects. */
    private static final class Cause {
        final String stage;
        final String message;
        final Set<String> facts = new LinkedHashSet<>();
        final Set<String> rules = new LinkedHashSet<>();
        final List<String> needles = new ArrayList<>();

        Cause(String stage, String message) {
            this.stage = stage;
            this.message = plain(message);
            needles.add(message);
        }

        TargetError toError() {
            List<String> affects = new ArrayList<>(facts);
            affects.addAll(rules);
            return new TargetError(stage, message, affects);
        }
    }

    static List<TargetError> of(FactSet facts, List<Finding> findings) {
        return of(facts, findings, "en");
    }

    /** The causes, product-level messages in the report's language. */
    static List<TargetError> of(FactSet facts, List<Finding> findings, String lang) {
        de.tomaudit.i18n.Texts texts = de.tomaudit.i18n.Texts.of(lang);
        // atomic reasons with their stage and the facts they left unknown, in first-seen order
        Map<String, String> stageOf = new LinkedHashMap<>();
        Map<String, Set<String>> factsOf = new LinkedHashMap<>();
        for (Unavailable u : facts.unavailable()) {
            if (u.kind() != Unavailable.Kind.ERROR) {
                continue;
            }
            for (String part : atoms(u.reason())) {
                stageOf.putIfAbsent(part, u.stage());
                factsOf.computeIfAbsent(part, k -> new LinkedHashSet<>()).add(u.key());
            }
        }
        Map<String, Cause> causes = new LinkedHashMap<>();
        Map<String, Set<String>> refused = refusedByProduct(stageOf.keySet(), facts);
        for (Map.Entry<String, Set<String>> r : refused.entrySet()) {
            String product = r.getKey();
            int declared = declaredEndpoints(facts, product);
            int refusing = r.getValue().size();
            String list = String.join(", ", r.getValue());
            String message = declared > 0 && refusing < declared
                    ? texts.get("cause.some-refuse", product, refusing, declared, list)
                    : texts.get("cause.not-running", product, refusing, list);
            Cause c = new Cause("probe", message);
            causes.put("refused:" + product, c);
        }
        List<String> atoms = new ArrayList<>(stageOf.keySet());
        // atoms of one root problem (one names the other as its tail, or both name the same file with
        // the same problem) are one cause; union-find over the atoms, refusals grouped by product above
        int n = atoms.size();
        int[] parent = new int[n];
        List<List<Root>> rootsOf = new ArrayList<>();
        String[] productOf = new String[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
            rootsOf.add(roots(atoms.get(i)));
            Matcher m = REFUSED.matcher(atoms.get(i));
            productOf[i] = m.find() && causes.containsKey("refused:" + product(m, facts)) ? product(m, facts) : null;
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (productOf[i] == null && productOf[j] == null && sameRoot(atoms.get(i), rootsOf.get(i), atoms.get(j), rootsOf.get(j))) {
                    parent[find(parent, j)] = find(parent, i);
                }
            }
        }
        Map<Integer, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            if (productOf[i] == null) {
                groups.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(i);
            }
        }
        Map<String, Cause> byAtom = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            if (productOf[i] != null) {
                Cause c = causes.get("refused:" + productOf[i]);
                c.needles.add(atoms.get(i));
                byAtom.put(atoms.get(i), c);
            }
        }
        for (List<Integer> group : groups.values()) {
            int shortest = group.get(0);
            Map<String, Root> shared = new LinkedHashMap<>();
            for (int i : group) {
                if (atoms.get(i).length() < atoms.get(shortest).length()) {
                    shortest = i;
                }
                rootsOf.get(i).forEach(r -> shared.putIfAbsent(r.key(), r));
            }
            // several root problems: the reason that names the most of them (the shortest of those)
            int widest = shortest;
            for (int i : group) {
                int has = rootsOf.get(i).size();
                int best = rootsOf.get(widest).size();
                if (has > best || has == best && atoms.get(i).length() < atoms.get(widest).length()) {
                    widest = i;
                }
            }
            String message = shared.size() == 1 && shared.values().iterator().next().access()
                    ? shared.values().iterator().next().text() : plain(atoms.get(shared.size() > 1 ? widest : shortest));
            Cause c = new Cause(stageOf.get(atoms.get(shortest)), message);
            for (int i : group) {
                c.needles.add(atoms.get(i));
                byAtom.put(atoms.get(i), c);
            }
            shared.values().stream().filter(Root::access).forEach(r -> c.needles.add(r.original()));
            causes.put(atoms.get(shortest), c);
        }
        for (String atom : atoms) {
            byAtom.get(atom).facts.addAll(factsOf.get(atom));
        }
        for (Finding f : findings) {
            if (f.status() != Status.ERROR) {
                continue;
            }
            boolean placed = false;
            for (Cause c : causes.values()) {
                if (c.needles.stream().anyMatch(needle -> f.reason().contains(needle))) {
                    c.rules.add(f.ruleId());
                    placed = true;
                }
            }
            if (!placed) {
                Cause own = causes.computeIfAbsent("rule:" + f.reason(), k -> new Cause("rule", f.reason()));
                own.rules.add(f.ruleId());
            }
        }
        // keep first-seen order of the atoms (not length order) for a stable, readable list
        Set<Cause> ordered = new LinkedHashSet<>();
        causes.entrySet().stream().filter(e -> e.getKey().startsWith("refused:")).forEach(e -> ordered.add(e.getValue()));
        for (String atom : atoms) {
            ordered.add(byAtom.get(atom));
        }
        ordered.addAll(causes.values());
        return ordered.stream().map(Cause::toError).toList();
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /** True when two reasons have one root problem: one is the other's tail, or they name a same file problem. */
    private static boolean sameRoot(String a, List<Root> ra, String b, List<Root> rb) {
        if (tailOf(a, b) || tailOf(b, a)) {
            return true;
        }
        for (Root x : ra) {
            for (Root y : rb) {
                if (x.key().equals(y.key())) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * One problem a reason names at a file: {@code key} is the file and the kind of its problem for an
     * access problem (missing, permission denied, binary, too large, a symlink loop, a failed include
     * glob), else the problem's own text from its path on; {@code text} what a cause says (the path
     * once), {@code original} as the reason wrote it.
     */
    record Root(String key, String text, String original, boolean access) { }

    /** An absolute path where a problem starts: at the start, after a space or a parenthesis; {@code :LINE} apart. */
    private static final Pattern PATH = Pattern.compile("(?<![^\\s(])(/[^\\s:;,()]+)(?::\\d+)?(?=[: ]|$)");
    /** {@code /a/b: /a/b is ...}, {@code /a/b: /a/b: permission denied}: the path said twice. */
    private static final Pattern TWICE = Pattern.compile("(?<![^\\s(])(/[^\\s:;,()]+): \\1(?=[: ])");
    /** The access problems, in both languages: what follows the path. */
    private static final Map<String, List<Pattern>> ACCESS = accessKinds();

    private static Map<String, List<Pattern>> accessKinds() {
        Map<String, List<Pattern>> out = new LinkedHashMap<>();
        for (String key : List.of("target.file.binary", "target.file.directory", "target.file.not-regular", "target.file.too-large",
                "target.file.denied-with-sudo", "target.file.denied", "target.file.loop", "evidence.host.does-not-exist",
                "parse.sshd.include-glob")) {
            for (String lang : List.of("en", "de")) {
                String[] pieces = de.tomaudit.i18n.Texts.of(lang).get(key, "\u0000", "\u0001", "\u0002")
                        .split("[\u0000\u0001\u0002]", -1);
                StringBuilder re = new StringBuilder();
                for (int k = pieces[0].isEmpty() ? 1 : 0; k < pieces.length; k++) {
                    re.append(re.length() > 0 ? ".+?" : "").append(Pattern.quote(pieces[k]));
                }
                String kind = key.equals("target.file.denied-with-sudo") ? "target.file.denied" : key;
                out.computeIfAbsent(kind, k -> new ArrayList<>()).add(Pattern.compile(re.toString()));
            }
        }
        return out;
    }

    /** The reason with every path said once ({@code /a: /a: permission denied} is {@code /a: permission denied}). */
    static String plain(String reason) {
        return TWICE.matcher(reason).replaceAll("$1");
    }

    /** The file problems a reason names, one per {@code "; "}-separated part that names a path. */
    static List<Root> roots(String reason) {
        List<Root> out = new ArrayList<>();
        for (String part : reason.split("; ")) {
            Matcher m = PATH.matcher(part);
            int first = -1;
            String file = null;
            int after = -1;
            while (m.find()) {
                if (first < 0) {
                    first = m.start();
                }
                file = m.group(1);
                after = m.end();
            }
            if (first < 0) {
                continue;
            }
            String original = part.substring(first);
            String text = plain(original);
            String rest = part.substring(after);
            rest = rest.startsWith(": ") ? rest.substring(2) : rest.startsWith(" ") ? rest.substring(1) : rest;
            String head = plain(original);
            String kind = accessKind(rest).or(() -> accessKind(head.replaceFirst("^\\S+?(?::\\d+)?: ", "")))
                    .orElse(null);
            out.add(kind == null ? new Root("text:" + text, text, original, false) : new Root(file + "\0" + kind, text, original, true));
        }
        return out;
    }

    private static java.util.Optional<String> accessKind(String rest) {
        for (Map.Entry<String, List<Pattern>> e : ACCESS.entrySet()) {
            for (Pattern p : e.getValue()) {
                if (p.matcher(rest).lookingAt() || p.matcher(" " + rest).lookingAt() || p.matcher(": " + rest).lookingAt()) {
                    return java.util.Optional.of(e.getKey());
                }
            }
        }
        return java.util.Optional.empty();
    }

    /** True when {@code longer} ends with {@code cause} at a ": " boundary (or is it). */
    static boolean tailOf(String longer, String cause) {
        if (longer.equals(cause)) {
            return true;
        }
        if (cause.length() < MIN_CAUSE || !longer.endsWith(cause)) {
            return false;
        }
        int at = longer.length() - cause.length();
        return at >= 2 && longer.startsWith(": ", at - 2);
    }

    static List<String> atoms(String reason) {
        List<String> out = new ArrayList<>();
        for (String p : reason.split("; (?=\\S+:\\d+ )|; (?=\\[)")) {
            String s = p.strip();
            if (!s.isEmpty() && !out.contains(s)) {
                out.add(s);
            }
        }
        if (out.isEmpty()) {
            out.add(reason);
        }
        return out;
    }

    private static Map<String, Set<String>> refusedByProduct(Set<String> atoms, FactSet facts) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (String a : atoms) {
            Matcher m = REFUSED.matcher(a);
            if (m.find()) {
                out.computeIfAbsent(product(m, facts), k -> new LinkedHashSet<>()).add(m.group(1));
            }
        }
        return out;
    }

    /**
     * The product a refusing endpoint belongs to: the {@code endpoints.PRODUCT} fact that declares its
     * port, else the first word of its service label ({@code prosody-c2s}, {@code nginx https}).
     */
    private static String product(Matcher refused, FactSet facts) {
        long port = Long.parseLong(refused.group(2));
        for (Map.Entry<String, Fact> f : facts.all().entrySet()) {
            if (f.getKey().startsWith("endpoints.") && f.getValue().value() instanceof List<?> list
                    && list.stream().anyMatch(o -> o instanceof Map<?, ?> m && String.valueOf(m.get("port")).equals(String.valueOf(port)))) {
                return f.getKey().substring("endpoints.".length());
            }
        }
        String label = refused.group(3) == null ? "" : refused.group(3);
        String first = label.split("[ ,-]", 2)[0];
        return first.isEmpty() ? "a service" : first;
    }

    /** How many endpoints the product's configuration declares ({@code endpoints.PRODUCT}), 0 when unknown. */
    private static int declaredEndpoints(FactSet facts, String product) {
        return facts.get("endpoints." + product).map(Fact::value)
                .filter(v -> v instanceof List<?>).map(v -> ((List<?>) v).size()).orElse(0);
    }
}
