package de.tomaudit.rules;

import java.util.List;
import org.apache.commons.jexl3.JexlScript;

/**
 * A compiled rule expression with the dotted names it reads (candidates for fact keys:
 * {@code pg.clusters.x} is checked as {@code pg.clusters.x}, then {@code pg.clusters}, …).
 */
public record Condition(String text, JexlScript script, List<String> references) {

    public Condition {
        references = List.copyOf(references);
    }
}
