package de.tomaudit.collect.ejabberd;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.target.DirEntry;
import de.tomaudit.target.FileStat;
import de.tomaudit.target.Target;
import de.tomaudit.target.TargetException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * The oldest file under mod_http_upload's docroot, found through the target (list and stat only; file
 * contents are never read). ejabberd stores uploads as {@code docroot/<user hash>/<random>/<name>}; the
 * walk is bounded in depth and entries and says when it stopped early.
 */
final class UploadStore {
    static final int MAX_DEPTH = 6;
    static final int MAX_ENTRIES = 20_000;

    /** What the walk saw: whether the store exists, how many files, the oldest file, and why it stopped if it did. */
    record Scan(boolean exists, long files, Optional<Instant> oldest, Optional<String> oldestPath,
                Optional<String> problem, boolean truncated) { }

    private UploadStore() { }

    static Scan scan(Target target, String docroot) {
        try {
            Optional<FileStat> root = target.stat(docroot);
            if (root.isEmpty()) {
                return new Scan(false, 0, Optional.empty(), Optional.empty(), Optional.empty(), false);
            }
            if (root.get().type() != FileStat.Type.DIRECTORY) {
                return new Scan(true, 0, Optional.empty(), Optional.empty(),
                        Optional.of(AuditTexts.get("evidence.ejabberd.not-a-directory", docroot)), false);
            }
        } catch (TargetException e) {
            return new Scan(false, 0, Optional.empty(), Optional.empty(), Optional.of(e.getMessage()), false);
        }
        record Dir(String path, int depth) { }
        Deque<Dir> todo = new ArrayDeque<>();
        todo.push(new Dir(docroot, 0));
        long files = 0;
        int seen = 0;
        Instant oldest = null;
        String oldestPath = null;
        String problem = null;
        boolean truncated = false;
        while (!todo.isEmpty()) {
            Dir d = todo.pop();
            try {
                for (DirEntry e : target.list(d.path())) {
                    if (++seen > MAX_ENTRIES) {
                        truncated = true;
                        break;
                    }
                    String p = d.path().endsWith("/") ? d.path() + e.name() : d.path() + "/" + e.name();
                    if (e.type() == FileStat.Type.DIRECTORY) {
                        if (d.depth() + 1 < MAX_DEPTH) {
                            todo.push(new Dir(p, d.depth() + 1));
                        } else {
                            truncated = true;
                        }
                    } else if (e.type() == FileStat.Type.FILE) {
                        Optional<FileStat> st = target.stat(p);
                        if (st.isPresent()) {
                            files++;
                            if (oldest == null || st.get().modified().isBefore(oldest)) {
                                oldest = st.get().modified();
                                oldestPath = p;
                            }
                        }
                    }
                }
            } catch (TargetException ex) {
                problem = ex.getMessage();
            }
            if (truncated && seen > MAX_ENTRIES) {
                break;
            }
        }
        return new Scan(true, files, Optional.ofNullable(oldest), Optional.ofNullable(oldestPath),
                Optional.ofNullable(problem), truncated);
    }
}
