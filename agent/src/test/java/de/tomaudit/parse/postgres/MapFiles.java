package de.tomaudit.parse.postgres;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** In-memory files for parser tests: path -> text; a value of null means "permission denied". */
final class MapFiles implements PgFiles {
    private final Map<String, String> files = new TreeMap<>();

    MapFiles put(String path, String text) {
        files.put(path, text);
        return this;
    }

    @Override
    public Loaded read(String path) {
        if (!files.containsKey(path)) {
            return Loaded.missing(path + " does not exist");
        }
        String text = files.get(path);
        return text == null ? Loaded.failed(path + ": permission denied") : Loaded.ok(text);
    }

    @Override
    public Listed list(String dir) {
        List<String> names = files.keySet().stream()
                .filter(p -> p.startsWith(dir + "/") && p.indexOf('/', dir.length() + 1) < 0)
                .map(p -> p.substring(dir.length() + 1)).toList();
        return names.isEmpty() ? Listed.missing(dir + " does not exist") : Listed.ok(names);
    }
}
