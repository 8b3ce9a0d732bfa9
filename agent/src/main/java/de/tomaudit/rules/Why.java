package de.tomaudit.rules;

import java.util.Optional;

/**
 * One sentence a rule gives for a failure, in English and German, chosen when its {@code when}
 * holds (no {@code when}: always). The first that holds and renders is the finding's why-line.
 */
public record Why(Optional<Condition> when, WhyTemplate en, WhyTemplate de) { }
