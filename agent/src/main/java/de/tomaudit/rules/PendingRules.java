package de.tomaudit.rules;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * The rules of an audit, read and compiled on a thread of their own while the audit begins (its
 * collectors and probes need no rule): a local audit or a TLS check starts its work at once. The
 * first use (the evaluation) waits for them. Immutable like {@code List.copyOf}; a failure of the
 * loading thread is thrown at that first use, as an {@link IllegalStateException}.
 */
public final class PendingRules extends AbstractList<Rule> implements RandomAccess {
    private final Future<List<Rule>> task;

    private PendingRules(Future<List<Rule>> task) {
        this.task = task;
    }

    /** Starts {@code load} on a daemon thread now. */
    public static PendingRules start(Callable<List<Rule>> load) {
        return new PendingRules(de.tomaudit.background.Background.start("tomaudit-rules", () -> List.copyOf(load.call())));
    }

    private List<Rule> rules() {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the rules were read", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new IllegalStateException(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage(),
                    cause);
        }
    }

    @Override
    public Rule get(int index) {
        return rules().get(index);
    }

    @Override
    public int size() {
        return rules().size();
    }
}
