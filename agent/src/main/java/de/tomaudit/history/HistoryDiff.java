package de.tomaudit.history;

import de.tomaudit.i18n.Texts;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import de.tomaudit.result.Finding;
import de.tomaudit.result.Status;
import de.tomaudit.result.TargetResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What changed between two results of the same targets. Per finding (by rule id): {@code regressed}
 * (passed before, fails now), {@code fixed} (failed or errored before, passes now), {@code new} (fails
 * or errors now and did neither pass nor fail before: absent, not applicable, waived, …),
 * {@code changed} (any other change of status) and the count of {@code unchanged}; per target, its
 * own status before and now ({@code absent} where it was not in one of the two).
 */
@JsonPropertyOrder({"targets"})
public record HistoryDiff(List<TargetDiff> targets) {
    public static final String ABSENT = "absent";

    /** One finding whose status changed. */
    public record Change(String ruleId, String severity, String title, String before, String now) { }

    @JsonPropertyOrder({"name", "before", "now", "statusBefore", "statusNow", "regressed", "new", "fixed", "changed",
            "unchanged"})
    public record TargetDiff(String name, String before, String now, String statusBefore, String statusNow,
                             List<Change> regressed, @JsonProperty("new") List<Change> newFindings, List<Change> fixed,
                             List<Change> changed, int unchanged) {
        public boolean statusChanged() {
            return !statusBefore.equals(statusNow);
        }
    }

    /** A labelled side of a comparison: which run it came from, and the target's result (null: absent). */
    public record Side(String label, TargetResult result) { }

    public HistoryDiff {
        targets = List.copyOf(targets);
    }

    /** Compares one target's result before and now; either may be absent (null result). */
    public static TargetDiff target(String name, Side before, Side now) {
        Map<String, Finding> b = byRule(before.result());
        Map<String, Finding> n = byRule(now.result());
        List<Change> regressed = new ArrayList<>();
        List<Change> added = new ArrayList<>();
        List<Change> fixed = new ArrayList<>();
        List<Change> changed = new ArrayList<>();
        int unchanged = 0;
        Set<String> rules = new LinkedHashSet<>(n.keySet());
        rules.addAll(b.keySet());
        for (String rule : rules) {
            Finding fb = b.get(rule);
            Finding fn = n.get(rule);
            Status sb = fb == null ? null : fb.status();
            Status sn = fn == null ? null : fn.status();
            if (sb == sn) {
                unchanged++;
                continue;
            }
            Finding shown = fn != null ? fn : fb;
            Change c = new Change(rule, shown.severity(), shown.title(), sb == null ? ABSENT : sb.json(),
                    sn == null ? ABSENT : sn.json());
            boolean failsNow = sn == Status.FAIL || sn == Status.ERROR;
            if (sb == Status.PASS && sn == Status.FAIL) {
                regressed.add(c);
            } else if ((sb == Status.FAIL || sb == Status.ERROR) && sn == Status.PASS) {
                fixed.add(c);
            } else if (failsNow && sb != Status.PASS && sb != Status.FAIL) {
                added.add(c);
            } else {
                changed.add(c);
            }
        }
        return new TargetDiff(name, before.label(), now.label(), status(before.result()), status(now.result()),
                regressed, added, fixed, changed, unchanged);
    }

    /** The findings that passed before and fail now: what {@code --fail-on-regression} exits 1 for. */
    public static List<Change> regressions(TargetResult before, TargetResult now) {
        return target(now.name(), new Side("", before), new Side("", now)).regressed();
    }

    /** Compares two runs target by target (matched by name). */
    public static HistoryDiff of(String labelBefore, List<TargetResult> before, String labelNow, List<TargetResult> now) {
        Map<String, TargetResult> b = new LinkedHashMap<>();
        before.forEach(t -> b.putIfAbsent(t.name(), t));
        Map<String, TargetResult> n = new LinkedHashMap<>();
        now.forEach(t -> n.putIfAbsent(t.name(), t));
        Set<String> names = new LinkedHashSet<>(n.keySet());
        names.addAll(b.keySet());
        List<TargetDiff> out = new ArrayList<>();
        for (String name : names) {
            out.add(target(name, new Side(labelBefore, b.get(name)), new Side(labelNow, n.get(name))));
        }
        return new HistoryDiff(out);
    }

    public int regressedCount() {
        return targets.stream().mapToInt(t -> t.regressed().size()).sum();
    }

    private static String status(TargetResult r) {
        return r == null ? ABSENT : r.status().json();
    }

    private static Map<String, Finding> byRule(TargetResult r) {
        Map<String, Finding> out = new LinkedHashMap<>();
        if (r != null) {
            r.findings().forEach(f -> out.putIfAbsent(f.ruleId(), f));
        }
        return out;
    }

    private static final java.util.regex.Pattern RUN = java.util.regex.Pattern.compile("run ([0-9]+)");
    private static final java.util.regex.Pattern ROUND = java.util.regex.Pattern.compile("round (.+?)(?: \\(run ([0-9]+)\\))?");

    /** A stored label ("run 12", "round nightly (run 12)") in the console's language. */
    public static String label(String stored, Texts words) {
        if (words.lang().equals("en")) {
            return stored;
        }
        java.util.regex.Matcher m = RUN.matcher(stored);
        if (m.matches()) {
            return words.get("cli.history.label.run", m.group(1));
        }
        m = ROUND.matcher(stored);
        if (m.matches()) {
            return m.group(2) == null ? words.get("cli.history.label.round", m.group(1))
                    : words.get("cli.history.label.round-run", m.group(1), m.group(2));
        }
        return stored;
    }
}
