package de.tomaudit.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The rules read beside the audit: the same rules as read at once, a failure at first use, never lost. */
class PendingRulesTest {

    @Test
    void givesTheSameRulesAsReadingThemAtOnceCompiledAndImmutable() throws Exception {
        List<Rule> now = RuleLoader.load(List.of(), pack -> pack.equals("tls") || pack.equals("http"));
        PendingRules pending = PendingRules.start(() -> RuleLoader.withBuiltIn(p -> p.equals("tls") || p.equals("http"), List.of()));
        assertEquals(now.stream().map(Rule::id).toList(), pending.stream().map(Rule::id).toList());
        assertTrue(pending.stream().allMatch(r -> r.condition().isCompiled()), "compiled on the loading thread");
        assertThrows(UnsupportedOperationException.class, () -> pending.add(now.get(0)));
    }

    @Test
    void theFirstUseWaitsForTheLoadingThread() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<Rule> some = RuleLoader.load(List.of(), pack -> pack.equals("tls"));
        PendingRules pending = PendingRules.start(() -> {
            release.await();
            return some;
        });
        Thread opener = new Thread(release::countDown);
        opener.start();
        assertEquals(some.size(), pending.size());
        opener.join();
    }

    @Test
    void aFailureOfTheLoadingThreadIsThrownAtFirstUseWithItsMessage() {
        PendingRules pending = PendingRules.start(() -> {
            throw new RuleFileException("builtin:rules/x/y.yaml:3: broken");
        });
        IllegalStateException e = assertThrows(IllegalStateException.class, pending::size);
        assertEquals("builtin:rules/x/y.yaml:3: broken", e.getMessage());
    }
}
