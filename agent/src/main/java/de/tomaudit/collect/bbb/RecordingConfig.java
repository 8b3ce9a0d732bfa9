package de.tomaudit.collect.bbb;

import de.tomaudit.collect.Reads;
import de.tomaudit.facts.Evidence;
import de.tomaudit.facts.FactSet;
import de.tomaudit.parse.yaml.YamlDocuments;
import de.tomaudit.parse.yaml.YamlException;
import de.tomaudit.parse.yaml.YamlNode;
import de.tomaudit.target.FileContent;
import de.tomaudit.target.Target;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The recording scripts' settings: {@code bigbluebutton.yml} with {@code recording.yml} merged over it
 * key by key at the top level, as the scripts do ({@code props.merge(override)}).
 */
final class RecordingConfig {
    /** A top-level setting and where it was read. */
    record Setting(String value, String source) { }

    private final Map<String, Setting> settings;

    private RecordingConfig(Map<String, Setting> settings) {
        this.settings = settings;
    }

    static RecordingConfig read(Target target, FactSet.Builder facts) {
        Map<String, Setting> merged = new LinkedHashMap<>();
        for (String file : new String[] {BbbPaths.RECORDING_DEFAULTS, BbbPaths.RECORDING_OVERRIDE}) {
            Optional<FileContent> f = Reads.optionalFile(target, file, "bbb.recording_config", facts);
            if (f.isEmpty()) {
                continue;
            }
            try {
                Optional<YamlNode> root = YamlDocuments.parse(file, f.get().text());
                if (root.isEmpty() || !root.get().isMapping()) {
                    continue;
                }
                for (Map.Entry<String, YamlNode> e : root.get().entries().entrySet()) {
                    YamlNode v = e.getValue();
                    if (v.isScalar()) {
                        merged.put(e.getKey(), new Setting(v.text(), v.location()));
                    } else {
                        merged.put(e.getKey(), new Setting("", v.location()));
                    }
                }
            } catch (YamlException e) {
                facts.error("bbb.recording_config", "parse", e.getMessage());
            }
        }
        return new RecordingConfig(merged);
    }

    Optional<Setting> get(String key) {
        return Optional.ofNullable(settings.get(key));
    }

    String dir(String key, String fallback) {
        return get(key).map(Setting::value).filter(v -> v.startsWith("/")).map(v -> v.replaceAll("/+$", "")).orElse(fallback);
    }

    void put(FactSet.Builder facts) {
        for (String key : new String[] {"recording_dir", "published_dir", "events_dir", "playback_host", "playback_protocol",
                "bbb_version"}) {
            get(key).ifPresent(s -> facts.put("bbb.recording." + key, s.value(), new Evidence(s.source(), key + ": " + s.value())));
        }
    }
}
