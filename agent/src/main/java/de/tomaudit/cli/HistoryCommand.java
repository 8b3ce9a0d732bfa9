package de.tomaudit.cli;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.history.HistoryDatabase;
import de.tomaudit.i18n.Texts;
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
        throw new CommandLine.ParameterException(spec.commandLine(), AuditTexts.get("cli.history.command-required"));
    }

    /** The options every history command takes. */
    static final class Options {
        @Option(names = "--history", paramLabel = "JDBC_URL",
                description = "The history database (default: the embedded one under $${XDG_DATA_HOME:-~/.local/share}/tomaudit/)")
        String history;

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "console", description = "console (default) or json")
        String format;

        @Option(names = "--lang", paramLabel = "LANG", description = "de or en (default: from LANG, else en); JSON is the same in both")
        String lang;

        /** The console's words in --lang (a wrong value is a usage error). */
        Texts words() {
            return Texts.of(OutputFormats.language(lang));
        }

        boolean json() {
            String f = format.trim().toLowerCase(Locale.ROOT);
            if (!f.equals("console") && !f.equals("json")) {
                throw new UsageException(AuditTexts.get("cli.history.format", format));
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
            Texts words = options.words();
            List<HistoryStore.RunInfo> runs = query(() -> options.store().runs());
            PrintStream out = Main.stdout(spec);
            if (json) {
                JsonRenderer.mapper().writeValue(out, Map.of("runs", runs));
                out.println();
            } else if (runs.isEmpty()) {
                out.println(words.get("cli.history.none"));
            } else {
                // the columns as wide as their heading in the language (English: the widths as always)
                List<String> h = List.of("run", "started", "finished", "targets", "fail", "pass", "round").stream()
                        .map(k -> words.get("cli.history.column." + k)).toList();
                String row = "%-" + Math.max(6, h.get(0).length()) + "s %-20s %-20s %" + Math.max(7, h.get(3).length()) + "s %"
                        + Math.max(6, h.get(4).length()) + "s %" + Math.max(6, h.get(5).length()) + "s  %s%n";
                out.printf(row, h.toArray());
                for (HistoryStore.RunInfo r : runs) {
                    out.printf(row, r.id(), r.startedAt(),
                            r.finishedAt().isEmpty() ? words.get("cli.history.unfinished") : r.finishedAt(), r.targets(), r.fail(),
                            r.pass(), r.round() == null ? "" : VisibleText.oneLine(r.round()));
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
                    .orElseThrow(() -> new UsageException(AuditTexts.get("cli.history.no-run", VisibleText.oneLine(run))));
            PrintStream out = Main.stdout(spec);
            String lang = options.words().lang();
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
            Texts words = options.words();
            if (runs.size() == 1) {
                throw new UsageException(AuditTexts.get("cli.history.diff-runs"));
            }
            HistoryStore store = options.store();
            HistoryDiff diff = query(() -> runs.isEmpty() ? lastTwo(store) : between(store, runs.get(0), runs.get(1)));
            PrintStream out = Main.stdout(spec);
            if (json) {
                JsonRenderer.mapper().writeValue(out, diff);
                out.println();
            } else {
                print(diff, out, words);
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
                    throw new UsageException(AuditTexts.get("cli.history.no-run", VisibleText.oneLine(r)));
                }
            }
            return HistoryDiff.of(label(a), store.targets(a).stream().map(HistoryStore.StoredTarget::result).toList(),
                    label(b), store.targets(b).stream().map(HistoryStore.StoredTarget::result).toList());
        }

        private static String label(String r) {
            return r.matches("[0-9]+") ? "run " + r : "round " + r;
        }

        /** The diff on the console in the language of {@code words}; the JSON diff keeps the stored (English) labels. */
        static void print(HistoryDiff diff, PrintStream out, Texts words) {
            if (diff.targets().isEmpty()) {
                out.println(words.get("cli.history.none"));
                return;
            }
            List<String> kinds = List.of("regressed", "new", "fixed", "changed");
            int width = Math.max(9, kinds.stream().mapToInt(k -> words.get("cli.history.diff." + k).length()).max().orElse(9));
            for (HistoryDiff.TargetDiff t : diff.targets()) {
                String from = t.before().isEmpty() ? words.get("cli.history.first-run") : HistoryDiff.label(t.before(), words);
                out.println(VisibleText.oneLine(t.name()) + "  (" + from + " -> " + HistoryDiff.label(t.now(), words) + ")"
                        + (t.statusChanged() ? "  " + words.get("cli.history.diff.status", word(words, "target.", t.statusBefore()),
                        word(words, "target.", t.statusNow())) : "  " + word(words, "target.", t.statusNow())));
                lines(out, words.get("cli.history.diff.regressed"), t.regressed(), width, words);
                lines(out, words.get("cli.history.diff.new"), t.newFindings(), width, words);
                lines(out, words.get("cli.history.diff.fixed"), t.fixed(), width, words);
                lines(out, words.get("cli.history.diff.changed"), t.changed(), width, words);
                out.println("  " + words.get("cli.history.diff.unchanged", String.valueOf(t.unchanged())));
            }
            int regressed = diff.regressedCount();
            int added = diff.targets().stream().mapToInt(t -> t.newFindings().size()).sum();
            int fixed = diff.targets().stream().mapToInt(t -> t.fixed().size()).sum();
            out.println(words.get("cli.history.diff.total", String.valueOf(regressed), String.valueOf(added), String.valueOf(fixed),
                    String.valueOf(diff.targets().size())));
        }

        private static void lines(PrintStream out, String kind, List<HistoryDiff.Change> changes, int width, Texts words) {
            for (HistoryDiff.Change c : changes) {
                out.printf("  %-" + width + "s %-8s %s  %s -> %s  %s%n", kind, word(words, "severity.", c.severity()), c.ruleId(),
                        word(words, "status.", c.before()), word(words, "status.", c.now()), VisibleText.oneLine(c.title()));
            }
        }

        /** A stored value (status, severity) in the console's language; English and unknown values as stored. */
        static String word(Texts words, String prefix, String value) {
            if (words.lang().equals("en") || value == null || !Texts.keys(words.lang()).contains(prefix + value)) {
                return value;
            }
            return words.get(prefix + value);
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
            Texts words = options.words();
            if (keepDays == null && keepRuns == null) {
                throw new UsageException(AuditTexts.get("cli.history.prune-needs"));
            }
            if ((keepDays != null && (keepDays < 1 || keepDays > 36_500)) || (keepRuns != null && keepRuns < 1)) {
                throw new UsageException(AuditTexts.get("cli.history.prune-range"));
            }
            HistoryStore.Pruned p = query(() -> options.store().prune(keepDays, keepRuns, java.time.Instant.now(), dryRun));
            PrintStream out = Main.stdout(spec);
            if (json) {
                JsonRenderer.mapper().writeValue(out, p);
                out.println();
            } else {
                out.println(words.get(p.dryRun() ? "cli.history.pruned.dry-run" : "cli.history.pruned", String.valueOf(p.runs()),
                        String.valueOf(p.rounds()), String.valueOf(p.targets()), String.valueOf(p.keptRuns())));
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
