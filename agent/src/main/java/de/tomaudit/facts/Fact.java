package de.tomaudit.facts;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One collected value with its provenance. Keys are dotted and lower case
 * ({@code sshd.passwordauthentication}, {@code nginx.access_logs}). Values are
 * String, Long, Boolean, Double, {@link Secret}, or List/Map of those.
 */
public record Fact(String key, Object value, List<Evidence> evidence) {

    public Fact {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, () -> "value of fact " + key);
        value = normalise(value);
        evidence = List.copyOf(evidence);
    }

    public static Fact of(String key, Object value, Evidence... evidence) {
        return new Fact(key, value, List.of(evidence));
    }

    private static Object normalise(Object value) {
        if (value instanceof Integer i) {
            return i.longValue();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Fact::normalise).toList();
        }
        if (value instanceof Map<?, ?> map) {
            var copy = new java.util.LinkedHashMap<String, Object>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), normalise(v)));
            return java.util.Collections.unmodifiableMap(copy);
        }
        return value;
    }
}
