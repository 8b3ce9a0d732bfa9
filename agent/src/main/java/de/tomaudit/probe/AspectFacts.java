package de.tomaudit.probe;

import de.tomaudit.facts.Evidence;
import de.tomaudit.facts.FactSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects one aspect of the probe results (protocols, certificates, XMPP features, …) as a list
 * fact of per-endpoint maps with one {@code probe: ADDRESS:PORT} evidence each, plus the
 * endpoints that could not be probed. Written as: the list (when any endpoint was probed), and
 * a completeness fact that is {@code true} or an error naming every endpoint that failed. Rules
 * read both, so one unreachable endpoint makes the finding an error, never a pass.
 */
final class AspectFacts {
    private final String stage;
    private final List<Map<String, Object>> values = new ArrayList<>();
    private final List<Evidence> evidence = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private final List<Evidence> probed = new ArrayList<>();

    AspectFacts(String stage) {
        this.stage = stage;
    }

    /** A new entry for this endpoint, already holding its identity fields. */
    Map<String, Object> entry(Endpoint e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("endpoint", e.id());
        m.put("port", (long) e.port());
        m.put("name", e.name());
        m.put("service", e.service());
        m.put("protocol", protocol(e));
        m.put("tls", e.tlsMode());
        m.put("source", e.source());
        return m;
    }

    void add(Endpoint e, Map<String, Object> value, String evidenceText) {
        values.add(value);
        evidence.add(Evidence.probe(e.id(), evidenceText));
    }

    /** A value whose evidence is added separately (several values per endpoint, one evidence line). */
    void addValueOnly(Map<String, Object> value) {
        values.add(value);
    }

    void addEvidence(Endpoint e, String text) {
        evidence.add(Evidence.probe(e.id(), text));
    }

    void probed(Endpoint e) {
        probed.add(Evidence.probe(e.id(), "probed" + (e.name().isEmpty() ? "" : " as " + e.name())));
    }

    void error(String message) {
        if (!errors.contains(message)) {
            errors.add(message);
        }
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    /** Writes {@code listKey} and, when given, {@code completeKey}; {@code none} is the reason when there is nothing at all. */
    void put(FactSet.Builder facts, String listKey, String completeKey, String none) {
        if (values.isEmpty() && errors.isEmpty() && !probed.isEmpty()) {
            facts.put(listKey, List.of(), probed);
        } else if (values.isEmpty() && errors.isEmpty()) {
            facts.notApplicable(listKey, none);
        } else if (values.isEmpty()) {
            facts.error(listKey, stage, String.join("; ", errors));
        } else {
            facts.put(listKey, List.copyOf(values), evidence);
        }
        if (completeKey != null) {
            putComplete(facts, completeKey, none);
        }
    }

    void putComplete(FactSet.Builder facts, String completeKey, String none) {
        if (!errors.isEmpty()) {
            facts.error(completeKey, stage, String.join("; ", errors));
        } else if (probed.isEmpty()) {
            facts.notApplicable(completeKey, none);
        } else {
            facts.put(completeKey, true, probed);
        }
    }

    static String protocol(Endpoint e) {
        return switch (e.protocol()) {
            case XMPP_CLIENT -> "xmpp-client";
            case XMPP_SERVER -> "xmpp-server";
            case HTTP -> e.tls() ? "https" : "http";
            case OTHER -> "tls";
        };
    }
}
