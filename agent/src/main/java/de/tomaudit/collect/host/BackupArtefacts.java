package de.tomaudit.collect.host;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.target.DirEntry;
import de.tomaudit.target.FileStat;
import de.tomaudit.target.Target;
import de.tomaudit.target.TargetException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The newest thing a backup job left at its location, found by listing and stat through the
 * target: the file itself, the newest entry of a directory, a borg repository's last transaction
 * (index.N, hints.N, integrity.N), a restic repository's newest snapshot, rdiff-backup's metadata.
 */
final class BackupArtefacts {

    /** What was found: present with the newest path and time, missing, or unknown (not on this host). */
    record Newest(String state, Optional<FileStat> newest, String note) {
        static Newest unknown(String note) {
            return new Newest("unknown", Optional.empty(), note);
        }

        static Newest missing(String note) {
            return new Newest("missing", Optional.empty(), note);
        }
    }

    private static final int MAX_STATS = 300;
    private static final Pattern BORG_TRANSACTION = Pattern.compile("(index|hints|integrity)\\.\\d+");

    private BackupArtefacts() { }

    static Newest of(Target target, BackupLocation loc, List<String> unreadable) {
        if (loc.path().isEmpty()) {
            return Newest.unknown(loc.kind() == BackupLocation.Kind.REMOTE ? AuditTexts.get("evidence.host.backup.not-on-host", loc.display()) : loc.display());
        }
        String path = loc.path().get();
        try {
            return switch (loc.kind()) {
                case FILE -> target.stat(path).map(s -> new Newest("present", Optional.of(s), path))
                        .orElseGet(() -> Newest.missing(AuditTexts.get("evidence.host.does-not-exist", path)));
                case DIR -> newestIn(target, path, e -> true);
                case BORG_REPO -> target.exists(path + "/config")
                        ? newestIn(target, path, e -> BORG_TRANSACTION.matcher(e.name()).matches())
                        : Newest.missing(AuditTexts.get("evidence.host.backup.no-repo", "borg", path));
                case RESTIC_REPO -> target.exists(path + "/config")
                        ? newestIn(target, path + "/snapshots", e -> true)
                        : Newest.missing(AuditTexts.get("evidence.host.backup.no-repo", "restic", path));
                case RDIFF_DEST -> newestIn(target, path + "/rdiff-backup-data", e -> e.name().startsWith("current_mirror"));
                default -> Newest.unknown(loc.display());
            };
        } catch (TargetException e) {
            unreadable.add(e.getMessage());
            return Newest.unknown(e.getMessage());
        }
    }

    private static Newest newestIn(Target target, String dir, java.util.function.Predicate<DirEntry> filter)
            throws TargetException {
        List<DirEntry> entries;
        try {
            entries = new ArrayList<>(target.list(dir));
        } catch (TargetException e) {
            if (e.reason() == TargetException.Reason.NOT_FOUND) {
                return Newest.missing(AuditTexts.get("evidence.host.does-not-exist", dir));
            }
            throw e;
        }
        entries.removeIf(e -> !filter.test(e) || e.name().startsWith("."));
        entries.sort(Comparator.comparing(DirEntry::name).reversed());
        FileStat best = null;
        for (DirEntry e : entries.subList(0, Math.min(MAX_STATS, entries.size()))) {
            Optional<FileStat> st = target.stat(dir + "/" + e.name());
            if (st.isPresent() && (best == null || st.get().modified().isAfter(best.modified()))) {
                best = st.get();
            }
        }
        return best == null ? Newest.missing(AuditTexts.get("evidence.host.is-empty", dir)) : new Newest("present", Optional.of(best), dir);
    }
}
