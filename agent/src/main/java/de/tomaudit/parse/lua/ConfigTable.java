package de.tomaudit.parse.lua;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Lua table from the configuration: its sequence part (keys 1..n) and its other keys (as text).
 * Prosody mixes both, e.g. {@code log = { info = "prosody.log"; { levels = { "error" }, to = "syslog" } }}.
 * Values are String, Long, Double, Boolean, {@link ConfigTable} or {@link ConfigOpaque}.
 */
public record ConfigTable(List<Object> list, Map<String, Object> fields) {

    public ConfigTable {
        list = List.copyOf(list);
        fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
    }

    public Optional<Object> field(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    public boolean isEmpty() {
        return list.isEmpty() && fields.isEmpty();
    }

    /** The sequence part's strings (numbers as text), for options that are lists of names. */
    public List<String> strings() {
        return list.stream().filter(v -> v instanceof String || v instanceof Number).map(String::valueOf).toList();
    }
}
