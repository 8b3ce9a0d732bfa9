package de.tomaudit.parse.journald;

import de.tomaudit.i18n.AuditTexts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * journald's effective settings: the {@code [Journal]} assignments of the main file and then of
 * the drop-ins (in the order given: by file name), a later assignment replacing an earlier one
 * and an empty value going back to the default. Values that journald would reject are reported
 * and leave the previous value in place.
 */
public final class JournaldSettings {
    public static final Set<String> STORAGE_VALUES = Set.of("volatile", "persistent", "auto", "none");

    private final Map<String, SystemdConfEntry> values = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    private JournaldSettings() { }

    public static JournaldSettings of(List<SystemdConfFile> filesInOrder) {
        JournaldSettings s = new JournaldSettings();
        for (SystemdConfFile f : filesInOrder) {
            s.problems.addAll(f.problems());
            for (SystemdConfEntry e : f.entries()) {
                if (e.section().equals("Journal")) {
                    s.assign(e);
                }
            }
        }
        return s;
    }

    private void assign(SystemdConfEntry e) {
        if (e.value().isEmpty()) {
            values.remove(e.key());
            return;
        }
        boolean valid = switch (e.key()) {
            case "Storage" -> STORAGE_VALUES.contains(e.value());
            case "MaxRetentionSec", "MaxFileSec" -> SystemdTimeSpan.seconds(e.value()).isPresent();
            case "SystemMaxUse", "RuntimeMaxUse", "SystemKeepFree", "RuntimeKeepFree" ->
                    SystemdSize.bytes(e.value()).isPresent();
            default -> true;
        };
        if (!valid) {
            // the kind, never the value (a file may hold anything there)
            problems.add(e.source() + ": " + AuditTexts.get("parse.journald.invalid", e.key(),
                    AuditTexts.get(e.key().startsWith("Max") && e.key().endsWith("Sec") ? "parse.journald.not-time-span"
                            : e.key().equals("Storage") ? "parse.journald.not-storage" : "parse.journald.not-size")));
            return;
        }
        values.put(e.key(), e);
    }

    /** The assignment in effect for a key, if any file set it. */
    public Optional<SystemdConfEntry> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }
}
