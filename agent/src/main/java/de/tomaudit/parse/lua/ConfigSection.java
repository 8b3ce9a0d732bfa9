package de.tomaudit.parse.lua;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The global section ({@code "*"}), a {@code VirtualHost} or a {@code Component}, with the options
 * set in it (not the inherited ones: see {@link ProsodyConfig#option}). {@code file} and {@code line}
 * are where the section was declared (the main file and 0 for the global section).
 */
public record ConfigSection(String name, Kind kind, Optional<String> componentModule, String file, int line,
                            Map<String, ConfigOption> options) {

    public enum Kind { GLOBAL, VIRTUAL_HOST, COMPONENT }

    public static final String GLOBAL = "*";

    public ConfigSection {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(componentModule, "componentModule");
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    public Optional<ConfigOption> own(String option) {
        return Optional.ofNullable(options.get(option));
    }

    public String source() {
        return line > 0 ? file + ":" + line : file;
    }
}
