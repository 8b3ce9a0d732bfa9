package de.tomaudit.parse.sshd;

import java.util.List;

/**
 * The effective value of one keyword in the shape {@code sshd -T} prints it: one value per printed
 * line (every Port, every HostKey, every AcceptEnv name), algorithm lists split into names, yes/no
 * style values in lower case, {@code without-password} read as {@code prohibit-password}.
 */
public record Setting(String keyword, List<String> values, List<SettingSource> sources) {

    public Setting {
        values = List.copyOf(values);
        sources = List.copyOf(sources);
    }

    /** The single value (first one for lists). */
    public String value() {
        return values.isEmpty() ? "" : values.get(0);
    }

    public boolean isDefault() {
        return sources.stream().allMatch(s -> s.kind() == SettingSource.Kind.DEFAULT);
    }
}
