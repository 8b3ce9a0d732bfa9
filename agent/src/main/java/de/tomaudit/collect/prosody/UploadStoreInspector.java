package de.tomaudit.collect.prosody;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.facts.Retention;
import de.tomaudit.target.DirEntry;
import de.tomaudit.target.FileStat;
import de.tomaudit.target.Target;
import de.tomaudit.target.TargetException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Finds the oldest item of an upload store through the target (list, then stat of each entry)
 * and compares its age with the configured expiry. Prosody prunes expired uploads once a day, so
 * an item may outlive the expiry by up to {@link #PRUNE_GRACE} before the store counts as
 * keeping data too long.
 */
final class UploadStoreInspector {
    static final Duration PRUNE_GRACE = Duration.ofDays(1);
    /** More entries than this are not all stat'ed; the result then says it is partial. */
    static final int MAX_ENTRIES = 20_000;

    /** What the store holds: a state, how many items, and the oldest one with its age. */
    record Result(State state, int items, Optional<String> oldestPath, Optional<Duration> oldestAge, String detail) {

        enum State { EMPTY, MISSING, UNREADABLE, INSPECTED }

        /** Whether the oldest item is within the expiry (plus grace); empty when nothing was compared. */
        Optional<Boolean> holds(Optional<Duration> expiry) {
            if (state == State.EMPTY || state == State.MISSING) {
                return Optional.of(true);
            }
            if (state != State.INSPECTED || oldestAge.isEmpty()) {
                return Optional.empty();
            }
            if (expiry.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(oldestAge.get().compareTo(expiry.get().plus(PRUNE_GRACE)) <= 0);
        }

        /** The Retention.Verified entry of the retention table, when something was compared. */
        Optional<Retention.Verified> verified(Optional<Duration> expiry, String storePath) {
            return switch (state) {
                case EMPTY, MISSING -> Optional.of(new Retention.Verified("P0D", storePath, true));
                case INSPECTED -> oldestAge.map(age -> new Retention.Verified(Retention.isoDuration(
                        Duration.ofSeconds(age.toSeconds())), oldestPath.orElse(storePath),
                        holds(expiry).orElse(false)));
                case UNREADABLE -> Optional.empty();
            };
        }
    }

    private final Instant now;

    UploadStoreInspector(Instant now) {
        this.now = now;
    }

    /**
     * @param directoriesAreItems true when each upload is a directory holding the file (community
     *                            mod_http_upload), false when each upload is one file (mod_http_file_share)
     */
    Result inspect(Target target, String dir, boolean directoriesAreItems) {
        List<DirEntry> entries;
        try {
            entries = target.list(dir);
        } catch (TargetException e) {
            if (e.reason() == TargetException.Reason.NOT_FOUND) {
                return new Result(Result.State.MISSING, 0, Optional.empty(), Optional.empty(), AuditTexts.get("evidence.prosody.store-missing", dir));
            }
            return new Result(Result.State.UNREADABLE, 0, Optional.empty(), Optional.empty(), e.getMessage());
        }
        int items = 0;
        String oldest = null;
        Instant oldestTime = null;
        int checked = 0;
        for (DirEntry e : entries) {
            boolean item = directoriesAreItems ? e.type() == FileStat.Type.DIRECTORY : e.type() == FileStat.Type.FILE;
            if (!item || e.name().startsWith(".")) {
                continue;
            }
            items++;
            if (checked >= MAX_ENTRIES) {
                continue;
            }
            checked++;
            String path = dir + "/" + e.name();
            try {
                Optional<FileStat> st = target.stat(path);
                if (st.isPresent() && (oldestTime == null || st.get().modified().isBefore(oldestTime))) {
                    oldestTime = st.get().modified();
                    oldest = path;
                }
            } catch (TargetException ex) {
                return new Result(Result.State.UNREADABLE, items, Optional.empty(), Optional.empty(), ex.getMessage());
            }
        }
        if (items == 0) {
            return new Result(Result.State.EMPTY, 0, Optional.empty(), Optional.empty(), AuditTexts.get("evidence.prosody.store-empty", dir));
        }
        Duration age = Duration.between(oldestTime, now);
        if (age.isNegative()) {
            age = Duration.ZERO;
        }
        String detail = items > checked
                ? AuditTexts.get("evidence.prosody.store-detail-partial", String.valueOf(items), String.valueOf(checked), String.valueOf(oldest),
                        String.valueOf(oldestTime), String.valueOf(age.toDays()))
                : AuditTexts.get("evidence.prosody.store-detail", String.valueOf(items), String.valueOf(oldest), String.valueOf(oldestTime),
                        String.valueOf(age.toDays()));
        return new Result(Result.State.INSPECTED, items, Optional.of(oldest), Optional.of(age), detail);
    }
}
