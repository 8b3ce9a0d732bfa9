package de.tomaudit.collect.host;

import de.tomaudit.facts.Evidence;
import de.tomaudit.facts.Unavailable;
import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.target.Command;
import de.tomaudit.target.CommandCatalog;
import de.tomaudit.target.CommandResult;
import de.tomaudit.target.DirEntry;
import de.tomaudit.target.FileContent;
import de.tomaudit.target.Target;
import de.tomaudit.target.TargetException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process table of a live target: {@code ps} where it runs, else /proc (status for the name
 * and real uid; the argument line falls back to the name, because cmdline is NUL-separated and
 * targets refuse binary reads). A {@code dir:} root has no running processes.
 *
 * <p>Several collectors look at the processes of the same target (processes, time sync, the
 * Mastodon scheduler). The table is read once per target and shared: without {@code ps}, /proc
 * costs two reads per process, which over SSH are round trips, and the table would differ
 * between the collectors that read it a moment apart.
 */
public final class ProcessesReader {

    static final Command PS = CommandCatalog.command("processes");
    private static final Logger LOG = LoggerFactory.getLogger(ProcessesReader.class);
    private static final int MAX_PROC_ENTRIES = 5000;

    /** The processes with where they came from, or why they could not be read. */
    public record Table(List<ProcessesEntry> entries, List<Evidence> evidence, Optional<Unavailable> failure) {

        public Table {
            entries = List.copyOf(entries);
            evidence = List.copyOf(evidence);
        }

        static Table failed(Unavailable u) {
            return new Table(List.of(), List.of(), Optional.of(u));
        }

        public boolean ok() {
            return failure.isEmpty();
        }
    }

    /** One table per target object, dropped with the target (weak keys: targets compare by identity). */
    private static final Map<Target, CompletableFuture<Table>> READ = Collections.synchronizedMap(new WeakHashMap<>());
    private static final String SHARED_KEY = "processes";

    private ProcessesReader() { }

    /** Reads the table, once per target; failures are reported under {@code factKey}. Never throws. */
    public static Table read(Target target, String factKey) {
        CompletableFuture<Table> mine = new CompletableFuture<>();
        CompletableFuture<Table> first = READ.putIfAbsent(target, mine);
        if (first == null) {
            Table t;
            try {
                t = readOnce(target, SHARED_KEY);
            } catch (RuntimeException e) {
                READ.remove(target);
                mine.completeExceptionally(e);
                throw e;
            }
            mine.complete(t);
            first = mine;
        }
        return rekeyed(first.join(), factKey);
    }

    private static Table rekeyed(Table t, String factKey) {
        return t.failure().map(u -> new Table(t.entries(), t.evidence(),
                Optional.of(new Unavailable(factKey, u.kind(), u.stage(), u.reason())))).orElse(t);
    }

    private static Table readOnce(Target target, String factKey) {
        if (!target.canRunCommands()) {
            return Table.failed(Unavailable.notApplicable(factKey,
                    AuditTexts.get("evidence.host.processes.not-live", target.address())));
        }
        ProcessesPasswdFile passwd = passwd(target);
        CommandResult result;
        try {
            result = target.run(PS);
        } catch (TargetException e) {
            if (e.reason() == TargetException.Reason.NOT_FOUND) {
                LOG.debug("ps not available on {}, reading /proc", target.name());
                return fromProc(target, passwd, factKey);
            }
            return Table.failed(e.isAbsence() ? Unavailable.notApplicable(factKey, e.getMessage())
                    : Unavailable.error(factKey, "command", e.getMessage()));
        }
        if (!result.ok()) {
            return Table.failed(Unavailable.error(factKey, "command",
                    AuditTexts.get("evidence.host.exited", PS.line(), String.valueOf(result.exitCode()), firstLine(result.stderr()))));
        }
        ProcessesPsOutput.Parsed parsed = ProcessesPsOutput.parse(result.stdout());
        if (parsed.entries().isEmpty()) {
            return Table.failed(Unavailable.error(factKey, "parse", AuditTexts.get("evidence.host.processes.no-lines", PS.line())
                    + (parsed.problems().isEmpty() ? "" : " (" + parsed.problems().get(0) + ")")));
        }
        List<ProcessesEntry> entries = parsed.entries().stream()
                .map(p -> new ProcessesEntry(passwd.untruncate(p.user()).orElse(p.user()), p.comm(), p.args()))
                .toList();
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(Evidence.command(PS.line(), AuditTexts.get("evidence.host.processes.count", entries.size())));
        parsed.problems().forEach(p -> evidence.add(Evidence.command(PS.line(), AuditTexts.get("evidence.host.skipped", p))));
        return new Table(entries, evidence, Optional.empty());
    }

    private static ProcessesPasswdFile passwd(Target target) {
        try {
            return ProcessesPasswdFile.parse(target.read("/etc/passwd").text());
        } catch (TargetException e) {
            LOG.debug("no /etc/passwd on {}: {}", target.name(), e.getMessage());
            return new ProcessesPasswdFile(List.of());
        }
    }

    private static Table fromProc(Target target, ProcessesPasswdFile passwd, String factKey) {
        List<DirEntry> pids;
        try {
            pids = target.list("/proc");
        } catch (TargetException e) {
            return Table.failed(Unavailable.notApplicable(factKey,
                    AuditTexts.get("evidence.host.processes.no-proc", e.getMessage())));
        }
        List<ProcessesEntry> entries = new ArrayList<>();
        for (DirEntry d : pids) {
            if (!d.name().chars().allMatch(Character::isDigit) || entries.size() >= MAX_PROC_ENTRIES) {
                continue;
            }
            procEntry(target, passwd, "/proc/" + d.name()).ifPresent(entries::add);
        }
        if (entries.isEmpty()) {
            return Table.failed(Unavailable.error(factKey, "read", AuditTexts.get("evidence.host.processes.no-status")));
        }
        return new Table(entries, List.of(Evidence.file("/proc/<pid>/status",
                AuditTexts.get("evidence.host.processes.from-proc", entries.size()))),
                Optional.empty());
    }

    private static Optional<ProcessesEntry> procEntry(Target target, ProcessesPasswdFile passwd, String dir) {
        FileContent status;
        try {
            status = target.read(dir + "/status");
        } catch (TargetException e) {
            return Optional.empty();
        }
        String name = "";
        String user = "";
        for (String line : status.lines()) {
            if (line.startsWith("Name:")) {
                name = line.substring(5).strip();
            } else if (line.startsWith("Uid:")) {
                String[] ids = line.substring(4).strip().split("\\s+");
                try {
                    long uid = Long.parseLong(ids[0]);
                    user = passwd.byUid(uid).map(ProcessesPasswdFile.Account::name).orElse(String.valueOf(uid));
                } catch (NumberFormatException e) {
                    user = ids[0];
                }
            }
        }
        if (name.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ProcessesEntry(user, name, args(target, dir, name)));
    }

    private static String args(Target target, String dir, String name) {
        try {
            String text = target.read(dir + "/cmdline").text();
            return text.isEmpty() ? "[" + name + "]" : ProcessesArgumentRedactor.redact(text.replace('\0', ' ').strip());
        } catch (TargetException e) {
            return name;
        }
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }
}
