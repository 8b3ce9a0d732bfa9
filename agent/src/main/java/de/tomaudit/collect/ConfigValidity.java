package de.tomaudit.collect;

import de.tomaudit.facts.Evidence;
import de.tomaudit.facts.FactSet;
import de.tomaudit.i18n.AuditTexts;
import java.util.List;

/**
 * {@code <product>.config_valid}: true when the product's own parser rules accept every line, an
 * error naming the first places (file:line and kind of problem) when not. The error makes the target
 * {@code partial} and the product's {@code *-config-valid} rule an error finding, so a configuration
 * the real daemon would refuse (an sshd Match with unknown criteria, unbalanced logrotate braces, an
 * absurd number) is never silently read as if it were fine.
 */
public final class ConfigValidity {
    static final int SHOWN = 3;

    private ConfigValidity() { }

    /** One problem: where (file:line) and what kind. */
    public record Problem(String source, String kind) { }

    public static void put(FactSet.Builder facts, String key, String mainFile, List<Problem> problems) {
        if (problems.isEmpty()) {
            facts.put(key, true, Evidence.file(mainFile, AuditTexts.get("evidence.host.config.valid")));
            return;
        }
        StringBuilder b = new StringBuilder();
        b.append(AuditTexts.get("evidence.host.config.problems", problems.size()));
        for (int i = 0; i < Math.min(SHOWN, problems.size()); i++) {
            if (i > 0) {
                b.append("; ");
            }
            b.append(problems.get(i).source()).append(": ").append(problems.get(i).kind());
        }
        if (problems.size() > SHOWN) {
            b.append(AuditTexts.get("evidence.host.config.more", problems.size() - SHOWN, key.replace("config_valid", "config_problems")));
        }
        facts.error(key, "parse", b.toString());
    }
}
