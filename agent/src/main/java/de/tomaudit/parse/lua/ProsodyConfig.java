package de.tomaudit.parse.lua;

import java.util.List;
import java.util.Optional;

/**
 * A Prosody configuration as Prosody's config loader would leave it: the global section first,
 * then every VirtualHost and Component in order of first declaration; every file evaluated; the
 * files read with FileContents/FileLine/FileLines; and the warnings (duplicate options, ENV_
 * variables the audit cannot know, missing Include directories).
 */
public record ProsodyConfig(String mainFile, List<ConfigSection> sections, List<String> files, List<String> dataFiles,
                            List<ConfigProblem> warnings) {

    public ProsodyConfig {
        sections = List.copyOf(sections);
        files = List.copyOf(files);
        dataFiles = List.copyOf(dataFiles);
        warnings = List.copyOf(warnings);
        if (sections.isEmpty() || !sections.get(0).name().equals(ConfigSection.GLOBAL)) {
            throw new IllegalArgumentException("the global section comes first");
        }
    }

    public ConfigSection global() {
        return sections.get(0);
    }

    /** VirtualHosts and Components. */
    public List<ConfigSection> hosts() {
        return sections.subList(1, sections.size());
    }

    public Optional<ConfigSection> section(String name) {
        return sections.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /**
     * An option as Prosody's {@code config.get(host, name)} sees it: set on the host, else in the
     * global section (every host, Components too, inherits global options).
     */
    public Optional<ConfigOption> option(String host, String name) {
        Optional<ConfigOption> own = section(host).flatMap(s -> s.own(name));
        return own.isPresent() ? own : global().own(name);
    }
}
