package de.tomaudit.collect.host;

import de.tomaudit.collect.Collector;
import de.tomaudit.collect.PlannedAccess;
import de.tomaudit.facts.Evidence;
import de.tomaudit.facts.FactSet;
import de.tomaudit.facts.Retention;
import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.parse.journald.JournaldSettings;
import de.tomaudit.parse.journald.SystemdConfEntry;
import de.tomaudit.parse.journald.SystemdConfFile;
import de.tomaudit.parse.journald.SystemdConfParser;
import de.tomaudit.parse.journald.SystemdSize;
import de.tomaudit.parse.journald.SystemdTimeSpan;
import de.tomaudit.target.DirEntry;
import de.tomaudit.target.FileStat;
import de.tomaudit.target.Target;
import de.tomaudit.target.TargetException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * systemd-journald: where the journal is kept (Storage, with {@code auto} meaning on disk only
 * when /var/log/journal exists), how long (MaxRetentionSec, 0 = no time limit) and how much
 * (SystemMaxUse). Reads the main journald.conf and the drop-ins as systemd does: drop-ins from
 * all directories sorted by file name, a name in /etc hiding the same name in /run and /usr/lib,
 * later files overriding earlier ones. The journal's retention goes into the TOM annex.
 */
public final class JournaldCollector implements Collector {
    static final List<String> MAIN = List.of("/etc/systemd/journald.conf", "/run/systemd/journald.conf",
            "/usr/local/lib/systemd/journald.conf", "/usr/lib/systemd/journald.conf");
    /** In order of precedence for drop-ins of the same name. */
    static final List<String> DROP_IN_DIRS = List.of("/etc/systemd/journald.conf.d", "/run/systemd/journald.conf.d",
            "/usr/local/lib/systemd/journald.conf.d", "/usr/lib/systemd/journald.conf.d", "/lib/systemd/journald.conf.d");
    static final List<String> BINARIES = List.of("/usr/lib/systemd/systemd-journald", "/lib/systemd/systemd-journald");
    static final String PERSISTENT_DIR = "/var/log/journal";

    static final String INSTALLED = "journald.installed";
    static final String SETTINGS = "journald";

    @Override
    public String id() {
        return "journald";
    }

    @Override
    public Set<String> kinds() {
        return Set.of("host");
    }

    @Override
    public List<String> provides() {
        return List.of("journald");
    }

    @Override
    public List<PlannedAccess> plan() {
        List<PlannedAccess> out = new ArrayList<>();
        BINARIES.forEach(b -> out.add(PlannedAccess.stat(b, "whether systemd-journald is installed")));
        MAIN.forEach(m -> out.add(PlannedAccess.read(m, "journald main configuration (the first that exists)")));
        DROP_IN_DIRS.forEach(d -> {
            out.add(PlannedAccess.list(d, "journald drop-ins"));
            out.add(PlannedAccess.read(d + "/*.conf", "journald drop-ins"));
        });
        out.add(PlannedAccess.stat(PERSISTENT_DIR, "whether Storage=auto keeps the journal on disk"));
        return out;
    }

    @Override
    public void collect(Target target, FactSet.Builder facts) {
        Optional<String> binary = BINARIES.stream().filter(b -> isFile(target, b)).findFirst();
        Optional<String> main = MAIN.stream().filter(m -> isFile(target, m)).findFirst();
        List<String> dropIns;
        try {
            dropIns = dropIns(target);
        } catch (TargetException e) {
            facts.put(INSTALLED, true, Evidence.file(e.subject(), AuditTexts.get("evidence.host.present")));
            facts.error(SETTINGS, "read", e.getMessage());
            return;
        }
        if (binary.isEmpty() && main.isEmpty() && dropIns.isEmpty()) {
            facts.put(INSTALLED, false, BINARIES.stream().map(b -> Evidence.file(b, AuditTexts.get("evidence.host.not-present"))).toList());
            facts.notApplicable(SETTINGS, AuditTexts.get("evidence.host.is-not-installed", "systemd-journald"));
            return;
        }
        facts.put(INSTALLED, true, Evidence.file(binary.or(() -> main).orElseGet(() -> dropIns.get(0)), AuditTexts.get("evidence.host.present")));

        List<SystemdConfFile> files = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<String> toRead = new ArrayList<>();
        main.ifPresent(toRead::add);
        toRead.addAll(dropIns);
        for (String path : toRead) {
            try {
                files.add(SystemdConfParser.parse(path, target.read(path).text()));
            } catch (TargetException e) {
                facts.error(SETTINGS, "read", e.getMessage());
                return;
            }
        }
        JournaldSettings settings = JournaldSettings.of(files);
        notes.addAll(settings.problems());
        facts.put("journald.config_files", files.stream().map(SystemdConfFile::path).toList(),
                files.stream().map(f -> Evidence.file(f.path(), "read")).toList());
        facts.put("journald.config_problems", notes, notes.stream().map(n -> new Evidence("journald", n)).toList());
        // journald skips such lines with a warning; the audit names them as an error (issue 13, point 5)
        de.tomaudit.collect.ConfigValidity.put(facts, "journald.config_valid", main.orElse("/etc/systemd/journald.conf"),
                settings.problems().stream().map(JournaldCollector::problem).toList());
        putSettings(target, settings, facts);
    }

    private static void putSettings(Target target, JournaldSettings s, FactSet.Builder facts) {
        Optional<SystemdConfEntry> storage = s.get("Storage");
        String configured = storage.map(SystemdConfEntry::value).orElse("auto");
        facts.put("journald.storage", configured, evidence(storage, "journald Storage=auto"));

        boolean dirExists;
        try {
            dirExists = target.stat(PERSISTENT_DIR).map(st -> st.type() == FileStat.Type.DIRECTORY).orElse(false);
        } catch (TargetException e) {
            facts.error("journald.storage_effective", "read", e.getMessage());
            facts.error("journald.persistent", "read", e.getMessage());
            putLimits(s, facts, Optional.empty());
            return;
        }
        String effective = switch (configured) {
            case "auto" -> dirExists ? "persistent" : "volatile";
            default -> configured;
        };
        Evidence dirEvidence = Evidence.file(PERSISTENT_DIR, AuditTexts.get(dirExists ? "evidence.host.exists" : "evidence.host.not-exists"));
        List<Evidence> effEvidence = new ArrayList<>(evidence(storage, "journald Storage=auto"));
        if (configured.equals("auto") || configured.equals("persistent")) {
            effEvidence.add(dirEvidence);
        }
        facts.put("journald.storage_effective", effective, effEvidence);
        facts.put("journald.persistent", effective.equals("persistent"), effEvidence);
        putLimits(s, facts, Optional.of(effective));
    }

    private static void putLimits(JournaldSettings s, FactSet.Builder facts, Optional<String> effective) {
        Optional<SystemdConfEntry> retention = s.get("MaxRetentionSec");
        long retentionSec = retention.flatMap(e -> SystemdTimeSpan.seconds(e.value())).orElse(0L);
        facts.put("journald.max_retention_sec", retentionSec,
                evidence(retention, AuditTexts.get("evidence.host.journald.no-time-limit")));

        Optional<SystemdConfEntry> fileSec = s.get("MaxFileSec");
        facts.put("journald.max_file_sec", fileSec.flatMap(e -> SystemdTimeSpan.seconds(e.value())).orElse(2_629_800L),
                evidence(fileSec, "journald MaxFileSec=1month"));

        for (String key : List.of("SystemMaxUse", "RuntimeMaxUse")) {
            String fact = "journald." + (key.startsWith("System") ? "system_max_use" : "runtime_max_use");
            Optional<SystemdConfEntry> e = s.get(key);
            String fs = key.startsWith("System") ? "/var/log/journal" : "/run/log/journal";
            String def = "default (10% of the file system of " + fs + ", at most 4G)";
            facts.put(fact, e.map(SystemdConfEntry::value).orElse(def),
                    evidence(e, AuditTexts.get("evidence.host.journald.max-use", key, fs)));
            e.flatMap(x -> SystemdSize.bytes(x.value())).ifPresent(b -> facts.put(fact + "_bytes", b,
                    new Evidence(e.get().source(), e.get().key() + "=" + e.get().value())));
        }

        boolean bounded = effective.map(x -> x.equals("none")).orElse(false) || retentionSec > 0;
        facts.put("journald.retention_bounded", bounded, evidence(retention, AuditTexts.get("evidence.host.journald.no-time-limit")));

        effective.ifPresent(eff -> {
            String where = switch (eff) {
                case "persistent" -> AuditTexts.get("retention.journal.persistent");
                case "volatile" -> AuditTexts.get("retention.journal.volatile");
                default -> AuditTexts.get("retention.journal.none");
            };
            String subject = AuditTexts.get("retention.journal", where);
            String source = retention.map(SystemdConfEntry::source).orElse("default: journald MaxRetentionSec=0");
            if (eff.equals("none")) {
                facts.retention(Retention.of(subject, Duration.ZERO,
                        s.get("Storage").map(SystemdConfEntry::source).orElse(source), false));
            } else if (retentionSec > 0) {
                facts.retention(Retention.of(subject, Duration.ofSeconds(retentionSec), source, false));
            } else {
                facts.retention(Retention.forever(subject, source, retention.isEmpty()));
            }
        });
    }

    private static List<Evidence> evidence(Optional<SystemdConfEntry> e, String byDefault) {
        return List.of(e.map(x -> new Evidence(x.source(), x.key() + "=" + x.value()))
                .orElseGet(() -> new Evidence("default: " + byDefault, "")));
    }

    /** Drop-in paths in the order systemd applies them (by file name; /etc hides /run hides /usr/lib). */
    static List<String> dropIns(Target target) throws TargetException {
        TreeMap<String, String> byName = new TreeMap<>();
        for (String dir : DROP_IN_DIRS) {
            List<DirEntry> entries;
            try {
                entries = target.list(dir);
            } catch (TargetException e) {
                if (e.isAbsence() || e.reason() == TargetException.Reason.IO) {
                    continue;
                }
                throw e;
            }
            for (DirEntry d : entries) {
                if (d.name().endsWith(".conf")) {
                    byName.putIfAbsent(d.name(), dir + "/" + d.name());
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (String path : byName.values()) {
            if (isFile(target, path)) {
                out.add(path);
            }
        }
        return out;
    }

    /**
     * A regular file (a drop-in linked to /dev/null is masked: not a file, so skipped), or a path
     * that cannot even be statted for another reason than absence (reading it will say why).
     */
    private static boolean isFile(Target target, String path) {
        try {
            return target.stat(path).map(st -> st.type() == FileStat.Type.FILE).orElse(false);
        } catch (TargetException e) {
            return !e.isAbsence();
        }
    }

    /** {@code file:line: kind} as a problem of {@link de.tomaudit.collect.ConfigValidity}. */
    private static de.tomaudit.collect.ConfigValidity.Problem problem(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(.*?:\\d+): (.*)$").matcher(text);
        return m.matches() ? new de.tomaudit.collect.ConfigValidity.Problem(m.group(1), m.group(2))
                : new de.tomaudit.collect.ConfigValidity.Problem("journald", text);
    }
}
