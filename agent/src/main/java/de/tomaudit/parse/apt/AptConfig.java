package de.tomaudit.parse.apt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The effective apt configuration after applying files in the order apt reads them: a later
 * value replaces an earlier one, list elements accumulate, {@code #clear} erases an option
 * and everything below it. Names are compared case-insensitively, as apt does.
 */
public final class AptConfig {

    private final Map<String, AptConfOp> values;
    private final Map<String, List<AptConfOp>> lists;

    private AptConfig(Map<String, AptConfOp> values, Map<String, List<AptConfOp>> lists) {
        this.values = values;
        this.lists = lists;
    }

    /** Applies the files in the given order (apt: parts in lexical order, then apt.conf). */
    public static AptConfig of(List<AptConfFile> files) {
        Map<String, AptConfOp> values = new LinkedHashMap<>();
        Map<String, List<AptConfOp>> lists = new LinkedHashMap<>();
        for (AptConfFile f : files) {
            for (AptConfOp op : f.ops()) {
                String key = op.name().toLowerCase(Locale.ROOT);
                switch (op.kind()) {
                    case SET -> values.put(key, op);
                    case APPEND -> lists.computeIfAbsent(key, k -> new ArrayList<>()).add(op);
                    case CLEAR -> {
                        values.keySet().removeIf(k -> covers(key, k));
                        lists.keySet().removeIf(k -> covers(key, k));
                    }
                }
            }
        }
        return new AptConfig(values, lists);
    }

    private static boolean covers(String cleared, String key) {
        return key.equals(cleared) || key.startsWith(cleared + "::");
    }

    /** The last value set for the option, with where it was set. */
    public Optional<AptConfOp> value(String name) {
        return Optional.ofNullable(values.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The elements of a list option in the order they were added. */
    public List<AptConfOp> list(String name) {
        return List.copyOf(lists.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()));
    }
}
