package de.tomaudit.probe;

import de.tomaudit.i18n.AuditTexts;
import java.util.Optional;

/**
 * The outcome of one probe of one endpoint: a value, or the failure as a value (what sslyze's
 * ScanCommandAttempt does), so one endpoint's trouble never stops the others.
 */
public sealed interface Attempt<T> {

    record Done<T>(T result) implements Attempt<T> { }

    record Failed<T>(ProbeException.Kind kind, String message) implements Attempt<T> { }

    static <T> Attempt<T> done(T value) {
        return new Done<>(value);
    }

    static <T> Attempt<T> failed(ProbeException e) {
        return new Failed<>(e.kind(), e.getMessage());
    }

    default Optional<T> value() {
        return this instanceof Done<T> d ? Optional.of(d.result()) : Optional.empty();
    }

    default Optional<String> failure() {
        return this instanceof Failed<T> f ? Optional.of(f.message()) : Optional.empty();
    }

    /** Runs a probe step, turning its ProbeException (and any runtime surprise) into a failed attempt. */
    static <T> Attempt<T> of(Step<T> step) {
        try {
            return done(step.run());
        } catch (ProbeException e) {
            return failed(e);
        } catch (RuntimeException e) {
            return new Failed<>(ProbeException.Kind.IO, AuditTexts.get("evidence.probe.failed-plain", String.valueOf(e)));
        }
    }

    @FunctionalInterface
    interface Step<T> {
        T run() throws ProbeException;
    }
}
