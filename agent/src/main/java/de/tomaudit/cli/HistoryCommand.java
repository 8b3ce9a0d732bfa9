package de.tomaudit.cli;

import de.tomaudit.history.HistoryDatabase;
import de.tomaudit.history.HistoryDiff;
import de.tomaudit.history.HistoryException;
import de.tomaudit.history.HistoryLocation;
import de.tomaudit.history.HistoryStore;
import de.tomaudit.report.JsonRenderer;
import de.tomaudit.report.RenderOptions;
import de.tomaudit.report.VisibleText;
import de.tomaudit.result.AuditResult;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tomaudit history list | show RUN | diff [RUN_A RUN_B] | prune}: the stored runs. */
@Command(name = "history", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "The stored runs: list them, show one (or a whole round), what changed between two, or remove old ones.",
        subcommands = {HistoryCommand.ListRuns.class, HistoryCommand.Show.class, HistoryCommand.Diff.class,
                HistoryCommand.Prune.class},
        footer = {"", "Exit codes: 0 shown; 2 usage error, no such run or round, or the history database cannot be read."})
public final class HistoryCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a history command is required (list, show, diff, prune)");
    }

    /** The options every history command takes. */
    static final class Options {
        @Option(names = "--history", paramLabel = "JDBC_URL",
                description = "The history database (default: the embedded one under $${XDG_DATA_HOME:-~/.local/share}/tomaudit/)")
        String history;

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "console", description = "console (default) or json")
        String format;

        boolean json() {
            String f = format.trim().toLowerCase(Locale.ROOT);
            if (!f.equals("console") && !f.equals("json")) {
                throw new UsageException("history --format must be console or json, not '" + format + "'");
            }
            return f.equals("json");
        }

        HistoryStore store() {
            HistoryLocation at;
            try {
                at = HistoryLocation.of(history, System.getenv());
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            try {
                return new HistoryStore(HistoryDatabase.open(at));
            } catch (HistoryException e) {
                throw new UsageException(e.getMessage());
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The stored runs, newest first.")
    static final class ListRuns implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Mixin Options options;

        @Override
        public Integer call() throws IOException {
            boolean json = options.json();
            List<HistoryStore.RunInfo> runs = query(() -> options.store().runs());
            PrintStream out = Main.stdout(spec);
            if (json) {
                JsonRenderer.mapper().writeValue(out, Map.of("runs", runs));
                out.println();
            } else if (runs.isEmpty()) {
                out.println("No runs stored yet.");
            } else {
                out.printf("%-6s %-20s %-20s %7s %6s %6s  %s%n", "RUN", "STARTED", "FINISHED", "TARGETS", "FAIL", "PASS", "ROUND");
                for (HistoryStore.RunInfo r : runs) {
                    out.printf("%-6d %-20s %-20s %7d %6d %6d  %s%n", r.id(), r.startedAt(),
                            r.finishedAt().isEmpty() ? "(unfinished)" : r.finishedAt(), r.targets(), r.fail(), r.pass(),
                            r.round() == null ? "" : VisibleText.oneLine(r.round()));
                }
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "One stored run by its number, or a whole round by its name (every agent's targets), "
                    + "as the audit reported it; --format json is the JSON result.")
    static final class Show implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Mixin Options options;
        @Parameters(paramLabel = "RUN", description = "A run number (history list) or a round name")
        String run;

        @Override
        public Integer call() throws IOException {
            boolean json = options.json();
            AuditResult r = query(() -> options.store().show(run))
                    .orElseThrow(() -> new UsageException("history: no run or round '" + VisibleText.oneLine(run) + "'"));
            PrintStream out = Main.stdout(spec);
            String lang = OutputFormats.language(null);
            de.tomaudit.report.Renderer renderer = OutputFormats.renderers(List.of(json ? "json" : "console"), null, "console").get(0);
            renderer.render(r, new RenderOptions(lang, false, "high", "kontrolle", ""), out);
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "diff", mixinStandardHelpOptions = true,
            description = "What changed: without arguments each target's last two stored runs; with two runs (or "
                    + "rounds) between them. Per target: regressed, new, fixed, changed findings, the unchanged count, "
                    + "and the target's own status.")
    static final class Diff implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Mixin Options options;
        @Parameters(paramLabel = "RUN", arity = "0..2", description = "RUN_A RUN_B: run numbers or round names")
        List<String> runs = new ArrayList<>();

        @Override
        public Integer call() throws IOException {
            boolean json = options.json();
            if (runs.size() == 1) {
                throw new UsageException("history diff takes no run (each target's last two) or two: RUN_A RUN_B");
            }
            HistoryStore store = options.store();
            HistoryDiff diff = query(() -> runs.isEmpty() ? lastTwo(store) : between(store, runs.get(0), runs.get(1)));
            PrintStream out = Main.stdout(spec);
            if (json) {
                JsonRenderer.mapper().writeValue(out, diff);
                out.println();
            } else {
                print(diff, out);
            }
            out.flush();
            return ExitCodes.OK;
        }

        private static HistoryDiff lastTwo(HistoryStore store) throws HistoryException {
            List<HistoryDiff.TargetDiff> out = new ArrayList<>();
            for (var e : store.lastTwo().entrySet()) {
                List<HistoryStore.StoredTarget> two = e.getValue();
                HistoryStore.StoredTarget now = two.get(0);
                HistoryStore.StoredTarget before = two.size() > 1 ? two.get(1) : null;
                out.add(HistoryDiff.target(e.getKey(),
                        new HistoryDiff.Side(before == null ? "" : before.runLabel(), before == null ? null : before.result()),
                        new HistoryDiff.Side(now.runLabel(), now.result())));
            }
            return new HistoryDiff(out);
        }

        private static HistoryDiff between(HistoryStore store, String a, String b) throws HistoryException {
            for (String r : List.of(a, b)) {
                if (!store.exists(r)) {
                    throw new UsageException("history: no run or round '" + VisibleText.oneLine(r) + "'");
                }
            }
            return HistoryDiff.of(label(a), store.targets(a).stream().map(HistoryStore.StoredTarget::result).toList(),
                    label(b), store.targets(b).stream().map(HistoryStore.StoredTarget::result).toList());
        }

        private static String label(String r) {
            return r.matches("[0-9]+") ? "run " + r : "round " + r;
        }

        static void print(HistoryDiff diff, PrintStream out) {
            if (diff.targets().isEmpty()) {
                out.println("No runs stored yet.");
                return;
            }
            for (HistoryDiff.TargetDiff t : diff.targets()) {
                String from = t.before().isEmpty() ? "first run" : t.before();
                out.println(VisibleText.oneLine(t.name()) + "  (" + from + " -> " + t.now() + ")"
                        + (t.statusChanged() ? "  status " + t.statusBefore() + " -> " + t.statusNow() : "  " + t.statusNow()));
                lines(out, "regressed", t.regressed());
                lines(out, "new", t.newFindings());
                lines(out, "fixed", t.fixed());
                lines(out, "changed", t.changed());
                out.println("  unchanged " + t.unchanged());
            }
            int regressed = diff.regressedCount();
            int added = diff.targets().stream().mapToInt(t -> t.newFindings().size()).sum();
            int fixed = diff.targets().stream().mapToInt(t -> t.fixed().size()).sum();
            out.println("Total: " + regressed + " regressed, " + added + " new, " + fixed + " fixed over "
                    + diff.targets().size() + " targets");
        }

        private static void lines(PrintStream out, String kind, List<HistoryDiff.Change> changes) {
            for (HistoryDiff.Change c : changes) {
                out.printf("  %-9s %-8s %s  %s -> %s  %s%n", kind, c.severity(), c.ruleId(), c.before(), c.now(),
                        VisibleText.oneLine(c.title()));
            }
        }
    }

    @Command(name = "prune", mixinStandardHelpOptions = true,
            description = "Removes old runs: a run (or a whole round) is kept when it started within --keep-days, or is "
                    + "among the --keep-runs newest; everything else goes, with its targets and findings. The embedded "
                    + "database file is compacted afterwards.")
    static final class Prune implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Mixin Options options;

        @Option(names = "--keep-days", paramLabel = "N", description = "Keep the runs started in the last N days (N >= 1)")
        Integer keepDays;

        @Option(names = "--keep-runs", paramLabel = "N",
                description = "Keep the N newest runs, a round counting as one run (N >= 1)")
        Integer keepRuns;

        @Option(names = "--dry-run", description = "Only say what would be removed")
        boolean dryRun;

        @Override
        public Integer call() throws IOException {
            boolean json = options.json();
            if (keepDays == null && keepRuns == null) {
                throw new UsageException("history prune needs --keep-days N, --keep-runs N or both");
            }
            if ((keepDays != null && (keepDays < 1 || keepDays > 36_500)) || (keepRuns != null && keepRuns < 1)) {
                throw new UsageException("history prune: --keep-days must be 1..36500 and --keep-runs at least 1");
            }
            HistoryStore.Pruned p = query(() -> options.store().prune(keepDays, keepRuns, java.time.Instant.now(), dryRun));
            PrintStream out = Main.stdout(spec);
            if (json) {
                JsonRenderer.mapper().writeValue(out, p);
                out.println();
            } else {
                out.printf("%s %d runs (%d rounds among them), %d target results; %d runs kept.%n",
                        p.dryRun() ? "Would remove" : "Removed", p.runs(), p.rounds(), p.targets(), p.keptRuns());
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    /** A history query whose failure is one line and exit 2. */
    interface Query<T> {
        T get() throws HistoryException;
    }

    static <T> T query(Query<T> q) {
        try {
            return q.get();
        } catch (HistoryException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
