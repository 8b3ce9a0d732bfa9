package de.tomaudit.parse.lua;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Configuration files held in memory, for evaluator tests. */
final class MapConfigSource implements ConfigSource {
    private final Map<String, String> files = new LinkedHashMap<>();
    private final List<String> reads = new ArrayList<>();

    MapConfigSource put(String path, String text) {
        files.put(path, text);
        return this;
    }

    List<String> reads() {
        return reads;
    }

    @Override
    public String read(String path) throws ConfigSourceException {
        reads.add(path);
        String text = files.get(path);
        if (text == null) {
            throw new ConfigSourceException(path + ": No such file or directory", true);
        }
        return text;
    }

    @Override
    public List<String> list(String dir) throws ConfigSourceException {
        String prefix = dir.endsWith("/") ? dir : dir + "/";
        List<String> names = new ArrayList<>();
        for (String f : files.keySet()) {
            if (f.startsWith(prefix) && f.indexOf('/', prefix.length()) < 0) {
                names.add(f.substring(prefix.length()));
            }
        }
        if (names.isEmpty() && files.keySet().stream().noneMatch(f -> f.startsWith(prefix))) {
            throw new ConfigSourceException(dir + ": No such file or directory", true);
        }
        java.util.Collections.reverse(names);
        return names;
    }
}
