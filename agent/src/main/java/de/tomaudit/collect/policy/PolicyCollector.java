package de.tomaudit.collect.policy;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.collect.Collector;
import de.tomaudit.collect.PlannedAccess;
import de.tomaudit.facts.Evidence;
import de.tomaudit.facts.FactSet;
import de.tomaudit.policy.Claim;
import de.tomaudit.policy.Period;
import de.tomaudit.policy.PolicyClaims;
import de.tomaudit.target.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the operator's claims file ({@code --policy FILE}) into {@code policy.*} facts, each with
 * the claim's file and line as evidence, so the policy.* rules can put the claim next to what the
 * audit found. It reads the claims on the agent's side, never from the target; it runs for every
 * target of a run that was given a claims file.
 *
 * <p>Facts: {@code policy.file} (String); maps with {@code text} and {@code source} plus:
 * {@code policy.log_retention}, {@code policy.ip_retention}, {@code policy.archive_retention}, {@code policy.upload_retention},
 * {@code policy.recording_retention} (seconds Long, -1 forever; days Long); {@code policy.log_levels}
 * (max, allowed: the Prosody and ejabberd level names at or above it); {@code policy.ip_logging}
 * (logged Boolean); {@code policy.archive_default} (value opt-in|roster|opt-out);
 * {@code policy.registration} (mode, allowed: the modes that keep the promise);
 * {@code policy.encryption} (c2s, s2s, https: required|optional, "" when not stated; s2s_exceptions List);
 * {@code policy.passwords} (value hashed|plain); {@code policy.push} (used, content, sender: true|false,
 * "unstated" when not stated); {@code policy.unverifiable} (List of claim, text, source). An absent claim is
 * not-applicable with the reason that the notice does not state it.
 */
public final class PolicyCollector implements Collector {
    /** Level names of Prosody and ejabberd, most verbose first, in matching pairs of rank. */
    private static final List<List<String>> LEVELS = List.of(
            List.of("debug"), List.of("info", "notice"), List.of("warn", "warning"),
            List.of("error", "critical", "alert", "emergency", "none"));

    /** The value of a push claim the notice does not state (rules compare with true/false only). */
    static final String UNSTATED = "unstated";

    private final PolicyClaims claims;

    public PolicyCollector(PolicyClaims claims) {
        this.claims = claims;
    }

    @Override
    public String id() {
        return "policy";
    }

    @Override
    public Set<String> kinds() {
        return Set.of("host");
    }

    @Override
    public List<String> provides() {
        return List.of("policy");
    }

    @Override
    public List<PlannedAccess> plan() {
        return List.of();
    }

    @Override
    public void collect(Target target, FactSet.Builder facts) {
        facts.put("policy.file", claims.file(), Evidence.file(claims.file(), claims.service()
                .map(s -> AuditTexts.get("evidence.policy.file-of", s)).orElseGet(() -> AuditTexts.get("evidence.policy.file"))
                + claims.notice().map(n -> " (" + n + ")").orElse("")));
        PolicyClaims.Logs logs = claims.logs();
        period(facts, "policy.log_retention", logs.retention(), AuditTexts.get("policy.what.log_retention"));
        logs.maxLevel().ifPresentOrElse(c -> {
            Map<String, Object> m = base(c);
            m.put("max", c.value());
            m.put("allowed", allowed(c.value()));
            facts.put("policy.log_levels", m, evidence(c));
        }, () -> absent(facts, "policy.log_levels", AuditTexts.get("policy.what.log_levels")));
        logs.ipAddresses().ifPresentOrElse(c -> {
            Map<String, Object> m = base(c);
            m.put("logged", c.value());
            facts.put("policy.ip_logging", m, evidence(c));
        }, () -> absent(facts, "policy.ip_logging", AuditTexts.get("policy.what.ip_logging")));
        period(facts, "policy.ip_retention", claims.ipAddresses(), AuditTexts.get("policy.what.ip_retention"));
        period(facts, "policy.archive_retention", claims.archive().retention(), AuditTexts.get("policy.what.archive_retention"));
        claims.archive().defaultPolicy().ifPresentOrElse(c -> {
            Map<String, Object> m = base(c);
            m.put("value", c.value());
            facts.put("policy.archive_default", m, evidence(c));
        }, () -> absent(facts, "policy.archive_default", AuditTexts.get("policy.what.archive_default")));
        period(facts, "policy.upload_retention", claims.uploads(), AuditTexts.get("policy.what.upload_retention"));
        period(facts, "policy.recording_retention", claims.recordings(), AuditTexts.get("policy.what.recording_retention"));
        claims.registration().ifPresentOrElse(c -> {
            Map<String, Object> m = base(c);
            m.put("mode", c.value());
            m.put("allowed", PolicyClaims.REGISTRATION_MODES.subList(0, PolicyClaims.REGISTRATION_MODES.indexOf(c.value()) + 1));
            facts.put("policy.registration", m, evidence(c));
        }, () -> absent(facts, "policy.registration", AuditTexts.get("policy.what.registration")));
        putEncryption(facts);
        claims.passwords().ifPresentOrElse(c -> {
            Map<String, Object> m = base(c);
            m.put("value", c.value());
            facts.put("policy.passwords", m, evidence(c));
        }, () -> absent(facts, "policy.passwords", AuditTexts.get("policy.what.passwords")));
        putPush(facts);
        putUnverifiable(facts);
    }

    private void putEncryption(FactSet.Builder facts) {
        PolicyClaims.Encryption e = claims.encryption();
        if (e.c2s().isEmpty() && e.s2s().isEmpty() && e.s2sExceptions().isEmpty() && e.https().isEmpty()) {
            absent(facts, "policy.encryption", AuditTexts.get("policy.what.encryption"));
            return;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        List<Evidence> evidence = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        m.put("c2s", "");
        m.put("s2s", "");
        m.put("https", "");
        e.c2s().ifPresent(c -> {
            m.put("c2s", c.value());
            evidence.add(evidenceOf(c));
            texts.add(c.text());
        });
        e.s2s().ifPresent(c -> {
            m.put("s2s", c.value());
            evidence.add(evidenceOf(c));
            texts.add(c.text());
        });
        m.put("s2s_exceptions", e.s2sExceptions().map(Claim::value).orElse(List.of()));
        e.s2sExceptions().ifPresent(c -> {
            evidence.add(evidenceOf(c));
            texts.add(c.text());
        });
        e.https().ifPresent(c -> {
            m.put("https", c.value());
            evidence.add(evidenceOf(c));
            texts.add(c.text());
        });
        m.put("text", String.join("; ", texts));
        m.put("source", evidence.get(0).source());
        facts.put("policy.encryption", m, evidence);
    }

    private void putPush(FactSet.Builder facts) {
        PolicyClaims.Push p = claims.push();
        if (p.used().isEmpty() && p.content().isEmpty() && p.sender().isEmpty()) {
            absent(facts, "policy.push", AuditTexts.get("policy.what.push"));
            return;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("used", UNSTATED);
        m.put("content", UNSTATED);
        m.put("sender", UNSTATED);
        List<Evidence> evidence = new ArrayList<>();
        p.used().ifPresent(c -> {
            m.put("used", c.value());
            evidence.add(evidenceOf(c));
        });
        p.content().ifPresent(c -> {
            m.put("content", c.value());
            evidence.add(evidenceOf(c));
        });
        p.sender().ifPresent(c -> {
            m.put("sender", c.value());
            evidence.add(evidenceOf(c));
        });
        m.put("source", evidence.get(0).source());
        facts.put("policy.push", m, evidence);
    }

    /** Claims no rule of this version checks: free-text promises (recordings are checked by policy.recording-retention). */
    private void putUnverifiable(FactSet.Builder facts) {
        List<Map<String, Object>> values = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        for (Claim<String> c : claims.other()) {
            values.add(Map.of("claim", "other", "text", c.text(), "source", c.source()));
            evidence.add(evidenceOf(c));
        }
        facts.put("policy.unverifiable", values, evidence);
    }

    private void period(FactSet.Builder facts, String key, Optional<Claim<Period>> claim, String what) {
        claim.ifPresentOrElse(c -> {
            Map<String, Object> m = base(c);
            m.put("seconds", c.value().seconds());
            m.put("days", c.value().days());
            facts.put(key, m, evidence(c));
        }, () -> absent(facts, key, what));
    }

    private void absent(FactSet.Builder facts, String key, String what) {
        facts.notApplicable(key, AuditTexts.get("na.policy.unstated", claims.file(), what));
    }

    private static Map<String, Object> base(Claim<?> c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("text", c.text());
        m.put("source", c.source());
        return m;
    }

    private static List<Evidence> evidence(Claim<?> c) {
        return List.of(evidenceOf(c));
    }

    private static Evidence evidenceOf(Claim<?> c) {
        return new Evidence(c.source(), AuditTexts.get("evidence.policy.claim", c.text()));
    }

    /** The level names at or above a claimed most verbose level, for Prosody and ejabberd. */
    static List<String> allowed(String max) {
        List<String> out = new ArrayList<>();
        boolean in = false;
        for (List<String> rank : LEVELS) {
            in = in || rank.contains(max);
            if (in) {
                out.addAll(rank);
            }
        }
        return out;
    }
}
