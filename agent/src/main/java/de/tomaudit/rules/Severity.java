package de.tomaudit.rules;

import de.tomaudit.i18n.AuditTexts;
import java.util.Locale;

/** Severity scale of shared/docs/RULES.md, ordered from info to critical. */
public enum Severity {
    INFO, LOW, MEDIUM, HIGH, CRITICAL;

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Severity parse(String s) {
        for (Severity v : values()) {
            if (v.json().equals(s)) {
                return v;
            }
        }
        throw new IllegalArgumentException(AuditTexts.get("input.rule.severity", s));
    }

    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }
}
