package de.tomaudit.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.audit.AuditOptions;
import de.tomaudit.audit.TargetAuditor;
import de.tomaudit.audit.TargetOpener;
import de.tomaudit.audit.TargetSpec;
import de.tomaudit.result.AuditResult;
import de.tomaudit.result.TargetResult;
import de.tomaudit.result.TargetStatus;
import de.tomaudit.rules.Rule;
import de.tomaudit.rules.RuleLoader;
import de.tomaudit.target.Command;
import de.tomaudit.target.CommandResult;
import de.tomaudit.target.DirEntry;
import de.tomaudit.target.DirTarget;
import de.tomaudit.target.FileContent;
import de.tomaudit.target.FileStat;
import de.tomaudit.target.Limits;
import de.tomaudit.target.Target;
import de.tomaudit.target.TargetException;
import de.tomaudit.testsupport.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetRunnerTest {
    @TempDir Path tmp;

    private static List<Rule> rules;
    // set before each test: a missing Debian root skips the tests (an assumption), never fails the class
    private static Path FIXTURE;

    @org.junit.jupiter.api.BeforeEach
    void debianRoot() {
        FIXTURE = TestPaths.debianRoot();
    }

    @BeforeAll
    static void rules() throws Exception {
        rules = RuleLoader.loadDirectory(TestPaths.repo().resolve("rules/host"));
    }

    private static AuditOptions options() {
        return new AuditOptions(Set.of(), rules, List.of(), "en", 4, Limits.DEFAULT);
    }

    private static FleetTarget target(String name, String address) {
        return new FleetTarget(name, TargetSpec.parse(address), Set.of(), Optional.empty(), Optional.empty(), List.of(), Map.of(),
                "test:1");
    }

    private static final TargetFactory OPENER = t -> TargetOpener.open(t.spec(), Limits.DEFAULT);

    @Test
    void fiftyTargetsWithFiveUnreachableAreAllReportedInOrder() throws Exception {
        StringBuilder inv = new StringBuilder("targets:\n");
        for (int i = 1; i <= 50; i++) {
            String dir = i % 10 == 0 ? tmp.resolve("gone-" + i).toString() : FIXTURE.toString();
            inv.append("  - name: host").append(i).append("\n    address: dir:").append(dir).append('\n');
        }
        List<FleetTarget> fleet = InventoryLoader.load(Files.writeString(tmp.resolve("fleet.yaml"), inv));
        AuditResult r = new FleetRunner(new TargetAuditor(), OPENER, "test").run(fleet, options(),
                new FleetRunner.Settings(8, Duration.ofSeconds(60)));
        assertEquals(50, r.targets().size());
        for (int i = 1; i <= 50; i++) {
            TargetResult t = r.targets().get(i - 1);
            assertEquals("host" + i, t.name(), "inventory order and names");
            if (i % 10 == 0) {
                assertEquals(TargetStatus.UNREACHABLE, t.status(), t.name());
                assertEquals("dir", t.errors().get(0).stage());
                assertTrue(t.errors().get(0).message().contains("gone-" + i), t.errors().get(0).message());
            } else {
                assertAudited(t);
            }
        }
    }

    @Test
    void aTargetThatHangsIsStoppedAtItsTimeoutAndClosedWhileTheOthersFinish() throws Exception {
        CountDownLatch closed = new CountDownLatch(1);
        TargetFactory factory = t -> t.name().equals("slow") ? new Hanging(closed) : OPENER.open(t);
        List<FleetTarget> fleet = List.of(target("a", "dir:" + FIXTURE), target("slow", "ssh://x@slow.example"),
                target("b", "dir:" + FIXTURE));
        long start = System.nanoTime();
        AuditResult r = new FleetRunner(new TargetAuditor(), factory, "test").run(fleet, options(),
                new FleetRunner.Settings(2, Duration.ofSeconds(5)));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(20), "the run is bounded");
        TargetResult slow = r.targets().get(1);
        assertEquals(TargetStatus.UNREACHABLE, slow.status());
        assertEquals("timeout", slow.errors().get(0).stage());
        assertTrue(slow.errors().get(0).message().contains("did not finish within"), slow.errors().get(0).message());
        assertTrue(closed.await(5, TimeUnit.SECONDS), "the hanging target's connection was closed");
        assertAudited(r.targets().get(0));
        assertAudited(r.targets().get(2));
    }

    @Test
    void aTargetStuckBeyondInterruptsStillFreesItsSlotForTheNextOnes() throws Exception {
        AtomicBoolean release = new AtomicBoolean();
        try {
            TargetFactory factory = t -> t.name().equals("stuck") ? new Spinning(release) : OPENER.open(t);
            List<FleetTarget> fleet = List.of(target("stuck", "ssh://x@stuck.example"), target("a", "dir:" + FIXTURE),
                    target("b", "dir:" + FIXTURE));
            // the limit applies to every target: long enough for a dir: audit on a loaded build machine
            AuditResult r = new FleetRunner(new TargetAuditor(), factory, "test").run(fleet, options(),
                    new FleetRunner.Settings(1, Duration.ofSeconds(5)));
            assertEquals("timeout", r.targets().get(0).errors().get(0).stage());
            assertAudited(r.targets().get(1));
            assertAudited(r.targets().get(2));
        } finally {
            release.set(true);
        }
    }

    @Test
    void aHostileTargetFailsAloneWithAnErrorNotACrash() throws Exception {
        TargetFactory factory = t -> switch (t.name()) {
            case "throws" -> throw new IllegalStateException("broken factory");
            case "deep" -> new Hostile();
            default -> OPENER.open(t);
        };
        List<FleetTarget> fleet = List.of(target("throws", "ssh://x@a.example"), target("deep", "ssh://x@b.example"),
                target("ok", "dir:" + FIXTURE));
        AuditResult r = new FleetRunner(new TargetAuditor(), factory, "test").run(fleet, options(),
                new FleetRunner.Settings(3, Duration.ofSeconds(30)));
        assertEquals(TargetStatus.UNREACHABLE, r.targets().get(0).status());
        assertEquals("audit", r.targets().get(0).errors().get(0).stage());
        // an unexpected exception is named by its class, never by its message (it may quote a target's text)
        assertTrue(r.targets().get(0).errors().get(0).message().contains("IllegalStateException"));
        assertFalse(r.targets().get(0).errors().get(0).message().contains("broken factory"));
        TargetResult deep = r.targets().get(1);
        assertEquals(TargetStatus.PARTIAL, deep.status(), "collectors failed, the audit went on");
        assertTrue(deep.errors().stream().anyMatch(e -> e.message().contains("StackOverflowError")), deep.errors().toString());
        assertAudited(r.targets().get(2));
    }

    @Test
    void atMostParallelTargetsAreOpenAtOnceAndThatManyAre() throws Exception {
        AtomicInteger open = new AtomicInteger();
        AtomicInteger max = new AtomicInteger();
        CyclicBarrier three = new CyclicBarrier(3);
        TargetFactory factory = t -> {
            max.accumulateAndGet(open.incrementAndGet(), Math::max);
            try {
                three.await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new TargetOpener.UnreachableException("test", "fewer than 3 targets ran at once: " + e);
            }
            return new Counting(new DirTarget(FIXTURE, Limits.DEFAULT), open);
        };
        List<FleetTarget> fleet = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            fleet.add(target("t" + i, "dir:" + FIXTURE));
        }
        AuditResult r = new FleetRunner(new TargetAuditor(), factory, "test").run(fleet, options(),
                new FleetRunner.Settings(3, Duration.ofSeconds(60)));
        r.targets().forEach(FleetRunnerTest::assertAudited);
        assertEquals(3, max.get());
    }

    @Test
    void perTargetKindsReplaceDetection() throws Exception {
        FleetTarget hostOnly = new FleetTarget("h", TargetSpec.parse("dir:" + FIXTURE), Set.of("host"), Optional.empty(),
                Optional.empty(), List.of(), Map.of(), "inv:1");
        AuditResult r = new FleetRunner(new TargetAuditor(), OPENER, "test").run(List.of(hostOnly, target("d", "dir:" + FIXTURE)),
                options(), new FleetRunner.Settings(2, Duration.ofSeconds(60)));
        assertEquals(List.of("host"), r.targets().get(0).kinds());
        assertTrue(r.targets().get(1).kinds().contains("prosody"), "detected: " + r.targets().get(1).kinds());
    }

    /** Reached and audited: every rule has a finding, and no error says it was not (a rule may still lack a fact). */
    private static void assertAudited(TargetResult t) {
        assertTrue(t.status() != TargetStatus.UNREACHABLE, t.name() + ": " + t.errors());
        assertEquals(rules.size(), t.findings().size(), t.name());
        assertTrue(t.errors().stream().noneMatch(e -> List.of("timeout", "audit", "dir").contains(e.stage())), t.name() + ": " + t.errors());
    }

    /** Blocks in every read until closed. */
    private static final class Hanging extends Base {
        private final CountDownLatch closed;

        Hanging(CountDownLatch closed) {
            this.closed = closed;
        }

        @Override
        public Optional<FileStat> stat(String path) throws TargetException {
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new TargetException(TargetException.Reason.IO, path, "connection closed");
        }

        @Override
        public void close() {
            closed.countDown();
        }
    }

    /** Ignores interrupts and close: spins until the test ends. */
    private static final class Spinning extends Base {
        private final AtomicBoolean release;

        Spinning(AtomicBoolean release) {
            this.release = release;
        }

        @Override
        public Optional<FileStat> stat(String path) {
            while (!release.get()) {
                Thread.onSpinWait();
            }
            return Optional.empty();
        }
    }

    /** Every read overflows the stack, as a hostile include chain might. */
    private static final class Hostile extends Base {
        @Override
        public FileContent read(String path) {
            throw new StackOverflowError("deep");
        }
    }

    private static final class Counting extends Base {
        private final Target delegate;
        private final AtomicInteger open;

        Counting(Target delegate, AtomicInteger open) {
            this.delegate = delegate;
            this.open = open;
        }

        @Override public FileContent read(String path) throws TargetException { return delegate.read(path); }
        @Override public Optional<FileStat> stat(String path) throws TargetException { return delegate.stat(path); }
        @Override public List<DirEntry> list(String dir) throws TargetException { return delegate.list(dir); }
        @Override public void close() { open.decrementAndGet(); }
    }

    private abstract static class Base implements Target {
        @Override public String name() { return "fake"; }
        @Override public String address() { return "fake:"; }
        @Override public boolean canRunCommands() { return false; }
        @Override public FileContent read(String path) throws TargetException {
            throw new TargetException(TargetException.Reason.NOT_FOUND, path, path + " does not exist");
        }
        @Override public Optional<FileStat> stat(String path) throws TargetException { return Optional.empty(); }
        @Override public List<DirEntry> list(String dir) throws TargetException {
            throw new TargetException(TargetException.Reason.NOT_FOUND, dir, dir + " does not exist");
        }
        @Override public CommandResult run(Command command) throws TargetException {
            throw new TargetException(TargetException.Reason.NOT_SUPPORTED, command.line(), "no commands");
        }
    }
}
