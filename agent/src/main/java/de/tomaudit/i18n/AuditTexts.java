package de.tomaudit.i18n;

import java.util.function.Supplier;

/**
 * The language of the audit running on this thread, for the evidence texts collectors write
 * ({@code --lang de} makes them German): {@link #get} formats a message key of the de/en bundles
 * in that language, English where none was set. The auditor sets it around each collector (they
 * run on a pool, so it is set per task, not inherited).
 */
public final class AuditTexts {
    private static final ThreadLocal<Texts> CURRENT = ThreadLocal.withInitial(() -> Texts.of("en"));

    private AuditTexts() { }

    /** The text of {@code key} in the audit's language. */
    public static String get(String key, Object... args) {
        return CURRENT.get().get(key, args);
    }

    /** The audit's language on this thread ({@code en} where none was set). */
    public static String lang() {
        return CURRENT.get().lang();
    }

    /**
     * {@code work} bound to this thread's language, for handing to another thread (a probe's pool):
     * it runs there with evidence texts in the language of the thread that made it.
     */
    public static <T> java.util.concurrent.Callable<T> carry(java.util.concurrent.Callable<T> work) {
        Texts texts = CURRENT.get();
        return () -> {
            Texts before = CURRENT.get();
            CURRENT.set(texts);
            try {
                return work.call();
            } finally {
                CURRENT.set(before);
            }
        };
    }

    /** Runs {@code work} with evidence texts in {@code lang}, then restores the previous language. */
    public static <T> T with(String lang, Supplier<T> work) {
        Texts before = CURRENT.get();
        CURRENT.set(Texts.of(lang));
        try {
            return work.get();
        } finally {
            CURRENT.set(before);
        }
    }
}
