package de.tomaudit.parse.lua;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the parts of one option's value stand in the configuration's text: the line of each field
 * ({@code ssl = { protocol = … }}: path {@code [protocol]}) and list entry (path {@code [#3]}, and
 * {@code [=mam]} for a string entry {@code "mam"}) of a table constructor, nested tables included;
 * and which parts are not literals but made by Lua code (a variable, a call, a concatenation), whose
 * line cannot be known. Read from the text by {@link TableLines}, since LuaJ keeps no line per
 * table field.
 *
 * @param lines    1-based line of each path
 * @param computed paths whose value an expression made (the empty path: the whole value; {@code [?]}:
 *                 the text could not be read, so nothing is known)
 */
public record ValueLayout(Map<List<String>, Integer> lines, Set<List<String>> computed) {
    /** Nothing known about the parts; the value itself counts as written where its statement is. */
    public static final ValueLayout UNKNOWN = new ValueLayout(Map.of(), Set.of(List.of("?")));
    /** A value made by code: its statement is known, its parts are not. */
    public static final ValueLayout COMPUTED = new ValueLayout(Map.of(), Set.of(List.of()));

    public ValueLayout {
        lines = Map.copyOf(lines);
        computed = Set.copyOf(computed);
    }

    /** The whole value was made by an expression, not written as a literal or table constructor. */
    public boolean isComputed() {
        return computed.contains(List.of());
    }

    /** Every part is a literal: a path it does not know is absent from the value, not made elsewhere. */
    public boolean isLiteral() {
        return computed.isEmpty();
    }

    /** The line of a field or entry, 0 when unknown. */
    public int line(List<String> path) {
        return lines.getOrDefault(path, 0);
    }

    /** The part of this layout under {@code key} (a field of the value), for a table's own options. */
    public ValueLayout under(String key) {
        if (computed.contains(List.of("?"))) {
            return UNKNOWN;
        }
        Map<List<String>, Integer> l = new HashMap<>();
        Set<List<String>> c = new HashSet<>();
        lines.forEach((p, n) -> {
            if (p.size() > 1 && p.get(0).equals(key)) {
                l.put(p.subList(1, p.size()), n);
            }
        });
        computed.forEach(p -> {
            if (!p.isEmpty() && p.get(0).equals(key)) {
                c.add(p.subList(1, p.size()));
            }
        });
        return new ValueLayout(l, c);
    }

    /**
     * This layout with the string entries and fields of {@code added} (an {@code :append}) merged
     * in; list positions are dropped (they shift), entries by value are kept.
     */
    public ValueLayout append(ValueLayout added) {
        Map<List<String>, Integer> l = new HashMap<>();
        lines.forEach((p, n) -> {
            if (!p.get(0).startsWith("#")) {
                l.put(p, n);
            }
        });
        added.lines.forEach((p, n) -> {
            if (!p.get(0).startsWith("#")) {
                l.put(p, n);
            }
        });
        Set<List<String>> c = new HashSet<>(computed);
        c.addAll(added.computed);
        return new ValueLayout(l, c);
    }
}
