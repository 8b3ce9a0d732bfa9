package de.tomaudit.collect.bbb;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.facts.Evidence;
import de.tomaudit.facts.FactSet;
import de.tomaudit.facts.Retention;
import de.tomaudit.target.DirEntry;
import de.tomaudit.target.FileStat;
import de.tomaudit.target.Target;
import de.tomaudit.target.TargetException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The recording data on disk, compared with the cleanups that are active: raw recordings (and whether
 * an active cleanup would ever delete each), published and unpublished recordings per format, the
 * events.xml kept for meetings, and uploaded presentations. Bounded: each directory is listed once
 * (names only; a recording's time comes from its id, {@code <sha1>-<epoch ms>}), only ids without a time
 * are stat'ed, at most {@link #MAX_STATS} of them; nothing is followed deeper than the format level, so a
 * symlink loop below /var/bigbluebutton costs one failed listing, reported as an error.
 */
final class RecordingStore {
    static final int MAX_STATS = 2_000;
    private static final Pattern RECORD_ID = Pattern.compile("[0-9a-f]{40}-(\\d{13})(?:-\\d+)?");
    private static final long DAY = 86_400;

    /** One stored item: its id, where it is, its time (from the id or the directory's mtime). */
    record Item(String id, String path, Instant time) { }

    /** What one listing found: the items, and what kept the rest from being known. */
    record Listing(List<Item> items, List<String> problems, int unstated) { }

    private final Target target;
    private final Instant now;
    private int statsLeft = MAX_STATS;

    RecordingStore(Target target, Instant now) {
        this.target = target;
        this.now = now;
    }

    /** The items directly under a directory (dirs or files), with their times. */
    Listing list(String dir) {
        List<DirEntry> entries;
        try {
            entries = target.list(dir);
        } catch (TargetException e) {
            if (e.reason() == TargetException.Reason.NOT_FOUND) {
                return new Listing(List.of(), List.of(), 0);
            }
            return new Listing(List.of(), List.of(dir + ": " + e.getMessage()), 0);
        }
        List<Item> items = new ArrayList<>(entries.size());
        List<String> problems = new ArrayList<>();
        int unstated = 0;
        for (DirEntry e : entries) {
            String path = dir + "/" + e.name();
            Optional<Instant> t = idTime(e.name());
            if (t.isEmpty()) {
                if (statsLeft <= 0) {
                    unstated++;
                    continue;
                }
                statsLeft--;
                try {
                    t = target.stat(path).map(FileStat::modified);
                } catch (TargetException ex) {
                    problems.add(path + ": " + ex.getMessage());
                    continue;
                }
            }
            t.ifPresent(time -> items.add(new Item(e.name(), path, time)));
        }
        if (unstated > 0) {
            problems.add(dir + ": " + unstated + " entries without a recording id were not stat'ed (bound of "
                    + MAX_STATS + " stats per audit)");
        }
        return new Listing(items, problems, unstated);
    }

    /** The names (not times) directly under a directory; empty when it does not exist. */
    Set<String> names(String dir, List<String> problems) {
        try {
            Set<String> out = new HashSet<>();
            for (DirEntry e : target.list(dir)) {
                out.add(e.name());
            }
            return out;
        } catch (TargetException e) {
            if (e.reason() != TargetException.Reason.NOT_FOUND) {
                problems.add(dir + ": " + e.getMessage());
            }
            return Set.of();
        }
    }

    /** Subdirectories (formats such as presentation, video) of a recordings directory. */
    List<String> subdirs(String dir, List<String> problems) {
        try {
            List<String> out = new ArrayList<>();
            for (DirEntry e : target.list(dir)) {
                if (e.type() == FileStat.Type.DIRECTORY || e.type() == FileStat.Type.SYMLINK) {
                    out.add(dir + "/" + e.name());
                }
            }
            return out;
        } catch (TargetException e) {
            if (e.reason() != TargetException.Reason.NOT_FOUND) {
                problems.add(dir + ": " + e.getMessage());
            }
            return List.of();
        }
    }

    /** A name of the listed entries, to match a cleanup's -name against (recording ids all look alike). */
    private static String sampleOf(Listing l) {
        return l.items().isEmpty() ? null : l.items().get(0).id();
    }

    static Optional<Instant> idTime(String name) {
        Matcher m = RECORD_ID.matcher(name);
        if (!m.matches()) {
            return Optional.empty();
        }
        long ms = Long.parseLong(m.group(1));
        return Optional.of(Instant.ofEpochMilli(ms));
    }

    long ageSeconds(Instant t) {
        return Math.max(0, Duration.between(t, now).getSeconds());
    }

    /**
     * Puts {@code bbb.recordings} (raw, published, unpublished, events), {@code bbb.raw_oldest},
     * {@code bbb.presentations}, and their retentions.
     */
    void put(RecordingDirs dirs, List<CleanupScript.Cleanup> cleanups, boolean recordingPossible, boolean keepEvents,
             FactSet.Builder facts) {
        List<String> problems = new ArrayList<>();
        List<Map<String, Object>> kinds = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        String unknown = cleanups.stream().filter(CleanupScript.Cleanup::active).filter(c -> c.days().isEmpty())
                .filter(c -> c.kind() != CleanupScript.Kind.DELETE || c.reachesEntriesOf(dirs.recording() + "/raw", null) || c.reachesEntriesOf(dirs.published() + "/presentation", null)
                        || c.reachesEntriesOf(dirs.unpublished() + "/presentation", null) || c.reachesEntriesOf(dirs.events(), null))
                .map(CleanupScript.Cleanup::unknownBecause).findFirst().orElse("");

        kinds.add(raw(dirs, cleanups, recordingPossible, problems, evidence, facts));
        kinds.add(byFormat("published", dirs.published(), cleanups, recordingPossible, problems, evidence, facts));
        kinds.add(byFormat("unpublished", dirs.unpublished(), cleanups, recordingPossible, problems, evidence, facts));
        kinds.add(events(dirs, cleanups, keepEvents || recordingPossible, problems, evidence, facts));
        presentations(dirs, cleanups, problems, facts);
        if (!unknown.isEmpty()) {
            facts.error("bbb.recordings", "parse", AuditTexts.get("collect.bbb.cleanup-period-unknown", String.valueOf(unknown)));
        } else {
            facts.put("bbb.recordings", kinds, evidence);
        }
        if (!problems.isEmpty()) {
            facts.put("bbb.recording_store_problems", List.copyOf(problems),
                    problems.stream().map(p -> new Evidence(p.contains(": ") ? p.substring(0, p.indexOf(": ")) : p,
                            p.contains(": ") ? p.substring(p.indexOf(": ") + 2) : p)).toList());
            facts.error("bbb.recording_store", "read", String.join("; ", problems.subList(0, Math.min(3, problems.size()))));
        }
    }

    private Map<String, Object> raw(RecordingDirs dirs, List<CleanupScript.Cleanup> cleanups, boolean possible,
                                    List<String> problems, List<Evidence> evidence, FactSet.Builder facts) {
        String rawDir = dirs.recording() + "/raw";
        Listing raw = list(rawDir);
        String sample = sampleOf(raw);
        problems.addAll(raw.problems());
        Set<String> norecord = new HashSet<>();
        Set<String> presentationDone = new HashSet<>();
        String statusDir = dirs.recording() + "/status";
        for (String sub : subdirs(statusDir, problems)) {
            for (String n : names(sub, problems)) {
                if (n.endsWith(".norecord")) {
                    norecord.add(n.substring(0, n.length() - ".norecord".length()));
                }
                if (sub.endsWith("/published") && n.endsWith("-presentation.done")) {
                    presentationDone.add(n.substring(0, n.length() - "-presentation.done".length()));
                }
            }
        }
        OptionalLong generic = minDays(cleanups, c -> c.kind() == CleanupScript.Kind.DELETE && c.reachesEntriesOf(rawDir, sample));
        Optional<CleanupScript.Cleanup> unrecordedJob = first(cleanups, CleanupScript.Kind.RAW_UNRECORDED);
        Optional<CleanupScript.Cleanup> publishedJob = first(cleanups, CleanupScript.Kind.RAW_PUBLISHED);
        Item oldest = null;
        Item oldestKept = null;
        long oldestKeptDays = -1;
        boolean anyUncovered = false;
        boolean oldestCovered = true;
        for (Item it : raw.items()) {
            OptionalLong days = generic;
            if (norecord.contains(it.id()) && unrecordedJob.isPresent()) {
                days = min(days, unrecordedJob.get().days());
            }
            if (presentationDone.contains(it.id()) && publishedJob.isPresent()) {
                days = min(days, publishedJob.get().days());
            }
            if (oldest == null || it.time().isBefore(oldest.time())) {
                oldest = it;
                oldestCovered = days.isPresent();
            }
            anyUncovered |= days.isEmpty();
            boolean exceeds = days.isEmpty() || ageSeconds(it.time()) > (days.getAsLong() + 1) * DAY;
            if (exceeds && (oldestKept == null || it.time().isBefore(oldestKept.time()))) {
                oldestKept = it;
                oldestKeptDays = days.orElse(-1);
            }
        }
        long retention;
        String why;
        if (generic.isPresent()) {
            retention = generic.getAsLong() * DAY;
            why = AuditTexts.get("evidence.bbb.raw-every",
                    sourceOf(cleanups, c -> c.kind() == CleanupScript.Kind.DELETE && c.reachesEntriesOf(rawDir, sample)));
        } else if (unrecordedJob.isPresent() && publishedJob.isPresent()) {
            long d = Math.max(unrecordedJob.get().days().orElse(0), publishedJob.get().days().orElse(0));
            retention = anyUncovered ? -1 : d * DAY;
            why = AuditTexts.get("evidence.bbb.raw-both", String.valueOf(unrecordedJob.get().days().orElse(-1)),
                    String.valueOf(unrecordedJob.get().source()), String.valueOf(publishedJob.get().days().orElse(-1)),
                    String.valueOf(publishedJob.get().source()));
        } else {
            retention = -1;
            why = (unrecordedJob.isEmpty() ? AuditTexts.get("evidence.bbb.raw-no-unrecorded") : AuditTexts.get("evidence.bbb.raw-unrecorded",
                    String.valueOf(unrecordedJob.get().days().orElse(-1)), String.valueOf(unrecordedJob.get().source())))
                    + "; " + (publishedJob.isEmpty() ? AuditTexts.get("evidence.bbb.raw-published-never")
                    + inactive(cleanups, CleanupScript.Kind.RAW_PUBLISHED) : "");
        }
        Map<String, Object> m = kind("raw", rawDir, raw.items().size(), oldest, retention, possible, why);
        m.put("deleted_by_cleanup", oldestCovered);
        m.put("unrecorded_marked", (long) norecord.size());
        m.put("published_as_presentation", (long) presentationDone.size());
        evidence.add(new Evidence(oldest == null ? rawDir : oldest.path(), describe("raw", m, oldest)));
        if (oldestKept != null) {
            evidence.add(new Evidence(oldestKept.path(), oldestKeptDays < 0
                    ? AuditTexts.get("evidence.bbb.kept-no-cleanup", days(ageSeconds(oldestKept.time())))
                    : AuditTexts.get("evidence.bbb.kept-older", String.valueOf(oldestKeptDays), days(ageSeconds(oldestKept.time())))));
        }
        Map<String, Object> oldestFact = new LinkedHashMap<>();
        oldestFact.put("id", oldest == null ? "" : oldest.id());
        oldestFact.put("age_seconds", oldest == null ? -1L : ageSeconds(oldest.time()));
        oldestFact.put("deleted_by_cleanup", m.get("deleted_by_cleanup"));
        facts.put("bbb.raw_oldest", oldestFact, evidence.get(evidence.size() - 1));
        retention(facts, AuditTexts.get("retention.bbb.raw", rawDir), retention, why, oldestKept != null ? oldestKept : oldest,
                oldestKept == null);
        return m;
    }

    private Map<String, Object> byFormat(String kind, String dir, List<CleanupScript.Cleanup> cleanups, boolean possible,
                                         List<String> problems, List<Evidence> evidence, FactSet.Builder facts) {
        int count = 0;
        Item oldest = null;
        long retention = Long.MAX_VALUE;
        boolean anyUncovered = false;
        List<String> sources = new ArrayList<>();
        List<String> formats = subdirs(dir, problems);
        for (String format : formats) {
            Listing l = list(format);
            problems.addAll(l.problems());
            count += l.items().size();
            for (Item it : l.items()) {
                if (oldest == null || it.time().isBefore(oldest.time())) {
                    oldest = it;
                }
            }
            OptionalLong d = minDays(cleanups, c -> c.kind() == CleanupScript.Kind.DELETE && c.reachesEntriesOf(format, sampleOf(l)));
            if (d.isEmpty()) {
                anyUncovered |= !l.items().isEmpty();
            } else {
                retention = Math.min(retention, d.getAsLong() * DAY);
                sources.add(sourceOf(cleanups, c -> c.kind() == CleanupScript.Kind.DELETE && c.reachesEntriesOf(format, sampleOf(l))));
            }
        }
        OptionalLong whole = minDays(cleanups, c -> c.kind() == CleanupScript.Kind.DELETE && c.reachesEntriesOf(dir + "/presentation", null));
        if (whole.isPresent()) {
            retention = whole.getAsLong() * DAY;
            anyUncovered = false;
            sources = List.of(sourceOf(cleanups, c -> c.kind() == CleanupScript.Kind.DELETE && c.reachesEntriesOf(dir + "/presentation", null)));
        }
        long r = anyUncovered || retention == Long.MAX_VALUE ? -1 : retention;
        String why = r < 0 ? AuditTexts.get("evidence.bbb.nothing-deletes-format", dir)
                : AuditTexts.get("evidence.bbb.deleted-by", String.join(", ", sources));
        Map<String, Object> m = kind(kind, dir, count, oldest, r, possible, why);
        evidence.add(new Evidence(oldest == null ? dir : oldest.path(), describe(kind, m, oldest)));
        boolean holds = r >= 0 && (oldest == null || ageSeconds(oldest.time()) <= r + DAY);
        retention(facts, "BigBlueButton " + kind + " recordings (" + dir + ")", r, why, oldest, holds);
        return m;
    }

    private Map<String, Object> events(RecordingDirs dirs, List<CleanupScript.Cleanup> cleanups, boolean possible,
                                       List<String> problems, List<Evidence> evidence, FactSet.Builder facts) {
        Listing l = list(dirs.events());
        problems.addAll(l.problems());
        Item oldest = l.items().stream().min(java.util.Comparator.comparing(Item::time)).orElse(null);
        OptionalLong d = minDays(cleanups, c -> c.kind() == CleanupScript.Kind.DELETE && c.reachesEntriesOf(dirs.events(), sampleOf(l)));
        long r = d.isPresent() ? d.getAsLong() * DAY : -1;
        String why = r < 0 ? AuditTexts.get("evidence.bbb.nothing-deletes-events", dirs.events())
                : AuditTexts.get("evidence.bbb.deleted-by", sourceOf(cleanups,
                        c -> c.kind() == CleanupScript.Kind.DELETE && c.reachesEntriesOf(dirs.events(), sampleOf(l))));
        Map<String, Object> m = kind("events", dirs.events(), l.items().size(), oldest, r, possible, why);
        evidence.add(new Evidence(oldest == null ? dirs.events() : oldest.path(), describe("events", m, oldest)));
        boolean holds = r >= 0 && (oldest == null || ageSeconds(oldest.time()) <= r + DAY);
        retention(facts, AuditTexts.get("retention.bbb.events", dirs.events()), r, why, oldest, holds);
        return m;
    }

    private void presentations(RecordingDirs dirs, List<CleanupScript.Cleanup> cleanups, List<String> problems,
                               FactSet.Builder facts) {
        String base = dirs.presentationBase();
        Listing l = list(base);
        problems.addAll(l.problems());
        String sample = "0000000000000000000000000000000000000000-1700000000000";
        java.util.function.Predicate<CleanupScript.Cleanup> reaches = c -> c.kind() == CleanupScript.Kind.DELETE
                && c.reachesEntriesOf(base, sample) && c.maxDepth() <= 1;
        OptionalLong d = minDays(cleanups, reaches);
        Item oldest = l.items().stream().filter(i -> idTime(i.id()).isPresent())
                .min(java.util.Comparator.comparing(Item::time)).orElse(null);
        long r = d.isPresent() ? d.getAsLong() * DAY : -1;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("retention_seconds", r);
        m.put("oldest_age_seconds", oldest == null ? -1L : ageSeconds(oldest.time()));
        m.put("source", d.isPresent() ? sourceOf(cleanups, reaches) : base);
        facts.put("bbb.presentations", m, new Evidence(String.valueOf(m.get("source")), r < 0
                ? AuditTexts.get("evidence.bbb.presentations-never") : AuditTexts.get("evidence.bbb.presentations-after", String.valueOf(r / DAY))));
        boolean holds = r >= 0 && (oldest == null || ageSeconds(oldest.time()) <= r + DAY);
        retention(facts, AuditTexts.get("retention.bbb.presentations", base + "/<meeting>"), r,
                String.valueOf(m.get("source")), oldest, holds);
    }

    private Map<String, Object> kind(String kind, String dir, int count, Item oldest, long retention, boolean possible,
                                     String why) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind);
        m.put("dir", dir);
        m.put("count", (long) count);
        m.put("oldest_id", oldest == null ? "" : oldest.id());
        m.put("oldest_age_seconds", oldest == null ? -1L : ageSeconds(oldest.time()));
        m.put("retention_seconds", retention);
        m.put("produced", possible);
        m.put("source", why);
        return m;
    }

    private String describe(String kind, Map<String, Object> m, Item oldest) {
        long r = (Long) m.get("retention_seconds");
        String count = String.valueOf(m.get("count"));
        return (oldest == null ? AuditTexts.get("evidence.bbb.stored", kind, count)
                : AuditTexts.get("evidence.bbb.stored-oldest", kind, count, days(ageSeconds(oldest.time()))))
                + "; " + (r < 0 ? AuditTexts.get("evidence.bbb.kept-forever") : AuditTexts.get("evidence.bbb.deleted-after", String.valueOf(r / DAY)))
                + " (" + m.get("source") + ")";
    }

    private void retention(FactSet.Builder facts, String subject, long seconds, String source, Item oldest, boolean holds) {
        Retention r = seconds < 0 ? Retention.forever(subject, source, false)
                : Retention.of(subject, Duration.ofSeconds(seconds), source, false);
        String what = oldest == null ? "none stored" : oldest.id() + " (" + days(ageSeconds(oldest.time())) + " old)";
        facts.retention(r.withVerified(new Retention.Verified(what, oldest == null ? subject : oldest.path(),
                oldest == null || holds)));
    }

    static String days(long seconds) {
        long d = seconds / DAY;
        return d == 1 ? AuditTexts.get("evidence.bbb.day") : AuditTexts.get("evidence.bbb.days", String.valueOf(d));
    }

    static boolean covers(String cleanupDir, String dir) {
        String c = cleanupDir.replaceAll("/+$", "");
        String d = dir.replaceAll("/+$", "");
        return !c.isEmpty() && !c.contains("$") && (d.equals(c) || d.startsWith(c + "/"));
    }

    private static OptionalLong minDays(List<CleanupScript.Cleanup> cleanups,
                                        java.util.function.Predicate<CleanupScript.Cleanup> p) {
        return cleanups.stream().filter(CleanupScript.Cleanup::active).filter(p).filter(c -> c.days().isPresent())
                .mapToLong(c -> c.days().getAsLong()).min();
    }

    private static String sourceOf(List<CleanupScript.Cleanup> cleanups, java.util.function.Predicate<CleanupScript.Cleanup> p) {
        return cleanups.stream().filter(CleanupScript.Cleanup::active).filter(p).filter(c -> c.days().isPresent())
                .min(java.util.Comparator.comparingLong(c -> c.days().getAsLong()))
                .map(c -> c.source() + " (-mtime " + c.daysText() + ")").orElse("");
    }

    private static Optional<CleanupScript.Cleanup> first(List<CleanupScript.Cleanup> cleanups, CleanupScript.Kind kind) {
        return cleanups.stream().filter(c -> c.kind() == kind && c.active() && c.days().isPresent()).findFirst();
    }

    private static String inactive(List<CleanupScript.Cleanup> cleanups, CleanupScript.Kind kind) {
        return cleanups.stream().filter(c -> c.kind() == kind && !c.active()).findFirst()
                .map(c -> " (" + AuditTexts.get("evidence.bbb.inactive", c.function(), String.valueOf(c.source())) + ")").orElse("");
    }

    private static OptionalLong min(OptionalLong a, OptionalLong b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        return OptionalLong.of(Math.min(a.getAsLong(), b.getAsLong()));
    }

    /** The directories the recording scripts and bbb-web use (bigbluebutton.yml, bbb-web properties). */
    record RecordingDirs(String recording, String published, String unpublished, String events, String presentationBase) { }
}
