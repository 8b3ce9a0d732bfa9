package de.tomaudit.probe;

import de.tomaudit.facts.Evidence;
import de.tomaudit.facts.FactSet;
import de.tomaudit.i18n.AuditTexts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code tls.endpoints}: every endpoint the probe phase considered, with what became of it. */
final class EndpointFacts {
    static final String ENDPOINTS = "tls.endpoints";

    private EndpointFacts() { }

    static void put(EndpointPlan plan, List<EndpointResult> results, FactSet.Builder facts) {
        List<Map<String, Object>> values = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        for (EndpointResult r : results) {
            Endpoint e = r.endpoint();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("endpoint", e.id());
            m.put("port", (long) e.port());
            m.put("name", e.name());
            m.put("service", e.service());
            m.put("protocol", AspectFacts.protocol(e));
            m.put("tls", e.tlsMode());
            m.put("origin", e.origin().name().toLowerCase(java.util.Locale.ROOT));
            m.put("source", e.source());
            m.put("status", r.status().text());
            m.put("reason", r.reason());
            values.add(m);
            evidence.add(Evidence.probe(e.id(), r.status().text() + " (" + e.service() + ", " + e.source() + ")"
                    + (r.reason().isEmpty() ? "" : ": " + r.reason())));
        }
        for (EndpointPlan.Skipped s : plan.skipped()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("endpoint", s.what());
            m.put("source", s.source());
            m.put("status", "not-probed");
            m.put("reason", s.reason());
            values.add(m);
            evidence.add(new Evidence(s.source().isEmpty() ? AuditTexts.get("evidence.probe.plan") : s.source(),
                    AuditTexts.get("evidence.probe.not-probed", s.what(), s.reason())));
        }
        facts.put(ENDPOINTS, values, evidence);
    }
}
