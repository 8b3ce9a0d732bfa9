package de.tomaudit.parse.ejabberd;

import de.tomaudit.parse.source.ConfigSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Configuration files held in memory for reader tests; reads are counted. */
final class Files implements ConfigSource {
    private final Map<String, String> texts = new LinkedHashMap<>();
    private final List<String> reads = new ArrayList<>();

    Files put(String path, String text) {
        texts.put(path, text);
        return this;
    }

    List<String> reads() {
        return reads;
    }

    @Override
    public String read(String path) throws SourceException {
        reads.add(path);
        String t = texts.get(path);
        if (t == null) {
            throw new SourceException(path + " does not exist", true);
        }
        return t;
    }

    @Override
    public List<String> glob(String pattern) {
        return List.of();
    }
}
