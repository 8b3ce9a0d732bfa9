package de.tomaudit.parse.sshd;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Effective sshd settings by canonical keyword, from the parsed files or from {@code sshd -T}. */
public final class SshdSettings {
    private final Map<String, Setting> settings;

    public SshdSettings(Map<String, Setting> settings) {
        this.settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    public Optional<Setting> get(String keyword) {
        return Optional.ofNullable(settings.get(keyword));
    }

    public Map<String, Setting> all() {
        return settings;
    }
}
