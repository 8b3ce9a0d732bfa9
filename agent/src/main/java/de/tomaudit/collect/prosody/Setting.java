package de.tomaudit.collect.prosody;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.facts.Evidence;
import de.tomaudit.parse.lua.ConfigOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One option's effective value on one host: set there, inherited from the global section, or
 * Prosody's default for the release line; with the option name that supplied it.
 */
record Setting(String host, String option, Object value, Optional<ConfigOption> from, String defaultNote) {

    boolean isDefault() {
        return from.isEmpty();
    }

    /** {@code file:line}, or {@code default: …}. */
    String source() {
        return from.map(ConfigOption::source).orElse("default: " + defaultNote);
    }

    Evidence evidence() {
        String text = host + ": " + option + " = " + EffectiveConfig.display(value);
        return from.map(o -> OptionEvidence.of(o, text))
                .orElseGet(() -> Evidence.byDefault(defaultNote, host + ": " + EffectiveConfig.display(value)));
    }

    /** The map a list fact holds for this host: host, value, source, default. */
    Map<String, Object> map() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("host", host);
        m.put("value", value);
        m.put("source", source());
        m.put("default", isDefault());
        return m;
    }

    /**
     * The value of the first of {@code names} set for {@code host} (the host, then the global
     * section, for each name in turn), else the default.
     */
    static Setting resolve(EffectiveConfig c, String host, List<String> names, Object defaultValue, String defaultNote) {
        for (String name : names) {
            Optional<ConfigOption> o = c.option(host, name);
            if (o.isPresent()) {
                return new Setting(host, name, o.get().value(), o, defaultNote);
            }
        }
        return new Setting(host, names.get(0), defaultValue, Optional.empty(), defaultNote);
    }

    /** Like {@link #resolve} with Prosody's boolean coercion; an unreadable value falls back to the default. */
    static Setting bool(EffectiveConfig c, String host, List<String> names, boolean defaultValue, String defaultNote) {
        for (String name : names) {
            Optional<ConfigOption> o = c.option(host, name);
            if (o.isPresent()) {
                Optional<Boolean> b = EffectiveConfig.bool(o.get().value());
                return new Setting(host, name, b.orElse(defaultValue), o,
                        b.isPresent() ? defaultNote : AuditTexts.get("evidence.prosody.not-boolean", defaultNote));
            }
        }
        return new Setting(host, names.get(0), defaultValue, Optional.empty(), defaultNote);
    }
}
