package de.tomaudit.parse.sshd;

import de.tomaudit.parse.source.ConfigSource;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Files held in memory for parser tests; globs match the last path component only. */
final class MapSource implements ConfigSource {
    private final Map<String, String> files = new LinkedHashMap<>();
    private final Set<String> unreadable = new HashSet<>();

    MapSource put(String path, String text) {
        files.put(path, text);
        return this;
    }

    MapSource unreadable(String path) {
        files.put(path, "");
        unreadable.add(path);
        return this;
    }

    @Override
    public String read(String path) throws SourceException {
        if (unreadable.contains(path)) {
            throw new SourceException(path + ": permission denied", false);
        }
        String text = files.get(path);
        if (text == null) {
            throw new SourceException(path + " does not exist", true);
        }
        return text;
    }

    @Override
    public List<String> glob(String pattern) {
        int slash = pattern.lastIndexOf('/');
        String dir = pattern.substring(0, slash + 1);
        String name = pattern.substring(slash + 1);
        return files.keySet().stream()
                .filter(p -> p.startsWith(dir) && p.indexOf('/', dir.length()) < 0)
                .filter(p -> SshPatterns.matches(p.substring(dir.length()), name))
                .filter(p -> !p.substring(dir.length()).startsWith(".") || name.startsWith("."))
                .sorted().toList();
    }
}
