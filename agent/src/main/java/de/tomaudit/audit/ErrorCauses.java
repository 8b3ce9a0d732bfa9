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
            this.message = message;
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
        Map<String, Cause> byAtom = new LinkedHashMap<>();
        Map<String, Set<String>> refused = refusedByProduct(stageOf.keySet(), facts);
        for (Map.Entry<String, Set<String>> r : refused.entrySet()) {
            String product = r.getKey();
            int declared = declaredEndpoints(facts, product);
            int n = r.getValue().size();
            String list = String.join(", ", r.getValue());
            String message = declared > 0 && n < declared
                    ? texts.get("cause.some-refuse", product, n, declared, list)
                    : texts.get("cause.not-running", product, n, list);
            Cause c = new Cause("probe", message);
            causes.put("refused:" + product, c);
        }
        List<String> atoms = new ArrayList<>(stageOf.keySet());
        List<String> shortestFirst = new ArrayList<>(atoms);
        shortestFirst.sort((a, b) -> Integer.compare(a.length(), b.length()));
        for (String atom : shortestFirst) {
            Matcher m = REFUSED.matcher(atom);
            Cause c = null;
            String product = m.find() ? product(m, facts) : "";
            if (causes.containsKey("refused:" + product)) {
                c = causes.get("refused:" + product);
                c.needles.add(atom);
            } else {
                for (Map.Entry<String, Cause> known : byAtom.entrySet()) {
                    if (tailOf(atom, known.getKey())) {
                        c = known.getValue();
                        break;
                    }
                }
                if (c == null) {
                    c = new Cause(stageOf.get(atom), atom);
                    causes.put(atom, c);
                }
            }
            byAtom.put(atom, c);
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
                if (c.needles.stream().anyMatch(n -> f.reason().contains(n))) {
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
