package de.tomaudit.cli;

import de.tomaudit.i18n.AuditTexts;
import java.util.Locale;

/**
 * The purposes of a plan ({@code PlannedAccess}) as {@code --dry-run} shows them, in the command's
 * language. The collectors write them in English, which scripts/collect.sh keeps as its comments; the
 * German text is the bundle's {@code plan.<slug of the English text>}. A purpose without one (a kind's
 * name, a --probe endpoint) is shown as written.
 */
final class PlanTexts {
    private PlanTexts() { }

    static String purpose(String english) {
        if (AuditTexts.lang().equals("en")) {
            return english;
        }
        String key = key(english);
        String text = AuditTexts.get(key);
        return text.equals(key) ? english : text;
    }

    /** {@code plan.} and the English text in lower case, every run of other characters one hyphen. */
    static String key(String english) {
        return "plan." + english.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    }
}
