package de.tomaudit.target.bundle;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.target.DirEntry;
import de.tomaudit.target.FileStat;
import de.tomaudit.target.TargetException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The bundle's {@code index}: one tab-separated record per line, written by collect.sh.
 * <pre>
 * stat   PATH TYPE(f|d|o) MODE(octal) OWNER GROUP SIZE MTIME(epoch s)   metadata, symlinks followed
 * absent PATH                                                          looked for, not there
 * error  OP(stat|read|list) PATH REASON(denied|loop|toolarge|io) TEXT  what went wrong
 * list   DIR                                                           DIR was listed; its entries follow
 * entry  DIR TYPE(f|d|l|o) NAME                                        one name in DIR (symlinks not followed)
 * run    ID STATUS(ok|missing|timeout|skipped) EXIT ARGV             an allow-listed command
 * </pre>
 * A path may be recorded more than once (two plan entries touch it); the first record counts.
 */
final class BundleIndex {
    private static final Pattern MODE = Pattern.compile("[0-7]{1,5}");
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]{1,19}");
    private static final Pattern ID = Pattern.compile("[a-z0-9-]{1,64}");

    /** A recorded failure of one operation on one path. */
    record Failure(TargetException.Reason reason, String message) { }

    /** A recorded command: how it went and its exit code. */
    record Run(String id, String status, int exitCode, String line) { }

    private final Map<String, FileStat> stats = new HashMap<>();
    private final Set<String> absent = new HashSet<>();
    private final Map<String, Failure> failures = new HashMap<>();
    private final Map<String, Map<String, DirEntry>> listings = new HashMap<>();
    private final Map<String, Run> runs = new LinkedHashMap<>();

    private BundleIndex() { }

    Optional<FileStat> stat(String path) {
        return Optional.ofNullable(stats.get(path));
    }

    Optional<Failure> failure(String op, String path) {
        return Optional.ofNullable(failures.get(op + "\t" + path));
    }

    Optional<List<DirEntry>> listing(String dir) {
        Map<String, DirEntry> l = listings.get(dir);
        if (l == null) {
            return Optional.empty();
        }
        List<DirEntry> out = new ArrayList<>(l.values());
        out.sort(Comparator.comparing(DirEntry::name));
        return Optional.of(out);
    }

    Optional<Run> run(String id) {
        return Optional.ofNullable(runs.get(id));
    }

    /**
     * Whether the collection saw that the path does not exist: it or an ancestor was recorded
     * absent, an ancestor is not a directory, or an ancestor was listed without the next name.
     */
    boolean knownAbsent(String path) {
        if (absent.contains(path)) {
            return true;
        }
        if (path.equals("/")) {
            return false;
        }
        String dir = "";
        for (String part : path.substring(1).split("/")) {
            String parent = dir.isEmpty() ? "/" : dir;
            if (absent.contains(parent)) {
                return true;
            }
            FileStat st = stats.get(parent);
            if (st != null && st.type() != FileStat.Type.DIRECTORY) {
                return true;
            }
            Map<String, DirEntry> l = listings.get(parent);
            if (l != null && !l.containsKey(part)) {
                return true;
            }
            dir = dir + "/" + part;
            if (dir.equals(path)) {
                break;
            }
        }
        return false;
    }

    static BundleIndex parse(byte[] bytes) throws BundleException {
        BundleIndex index = new BundleIndex();
        List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.isEmpty() && !line.startsWith("#")) {
                index.record(line.split("\t", -1), i + 1);
            }
        }
        return index;
    }

    private void record(String[] f, int no) throws BundleException {
        switch (f[0]) {
            case "stat" -> {
                fields(f, 8, no, "stat PATH TYPE MODE OWNER GROUP SIZE MTIME");
                String path = path(f[1], no);
                FileStat.Type type = switch (f[2]) {
                    case "f" -> FileStat.Type.FILE;
                    case "d" -> FileStat.Type.DIRECTORY;
                    case "o" -> FileStat.Type.OTHER;
                    default -> throw bad(no, AuditTexts.get("bundle.index.file-type", BundleArchive.printable(f[2])));
                };
                if (!MODE.matcher(f[3]).matches() || !NUMBER.matcher(f[6]).matches() || !NUMBER.matcher(f[7]).matches()
                        || f[4].isEmpty() || f[5].isEmpty()) {
                    throw bad(no, AuditTexts.get("bundle.index.stat"));
                }
                int mode = Integer.parseInt(f[3], 8) & 0777;
                stats.putIfAbsent(path, new FileStat(path, type, mode, f[4], f[5], Long.parseLong(f[6]),
                        Instant.ofEpochSecond(Long.parseLong(f[7]))));
            }
            case "absent" -> {
                fields(f, 2, no, "absent PATH");
                absent.add(path(f[1], no));
            }
            case "error" -> {
                fields(f, 5, no, "error OP PATH REASON TEXT");
                if (!List.of("stat", "read", "list").contains(f[1])) {
                    throw bad(no, AuditTexts.get("bundle.index.operation", BundleArchive.printable(f[1])));
                }
                String path = path(f[2], no);
                failures.putIfAbsent(f[1] + "\t" + path, failure(path, f[3], f[4], no));
            }
            case "list" -> {
                fields(f, 2, no, "list DIR");
                listings.putIfAbsent(path(f[1], no), new LinkedHashMap<>());
            }
            case "entry" -> {
                fields(f, 4, no, "entry DIR TYPE NAME");
                Map<String, DirEntry> l = listings.get(path(f[1], no));
                if (l == null) {
                    throw bad(no, AuditTexts.get("bundle.index.no-list"));
                }
                if (f[3].isEmpty() || f[3].contains("/") || f[3].equals(".") || f[3].equals("..")) {
                    throw bad(no, AuditTexts.get("bundle.index.file-name", BundleArchive.printable(f[3])));
                }
                FileStat.Type type = switch (f[2]) {
                    case "f" -> FileStat.Type.FILE;
                    case "d" -> FileStat.Type.DIRECTORY;
                    case "l" -> FileStat.Type.SYMLINK;
                    case "o" -> FileStat.Type.OTHER;
                    default -> throw bad(no, AuditTexts.get("bundle.index.entry-type", BundleArchive.printable(f[2])));
                };
                l.putIfAbsent(f[3], new DirEntry(f[3], type));
            }
            case "run" -> {
                fields(f, 5, no, "run ID STATUS EXIT ARGV");
                if (!ID.matcher(f[1]).matches() || !List.of("ok", "missing", "timeout", "skipped").contains(f[2])
                        || !NUMBER.matcher(f[3]).matches()) {
                    throw bad(no, AuditTexts.get("bundle.index.command"));
                }
                runs.putIfAbsent(f[1], new Run(f[1], f[2], (int) Math.max(Integer.MIN_VALUE,
                        Math.min(Integer.MAX_VALUE, Long.parseLong(f[3]))), f[4]));
            }
            default -> throw bad(no, AuditTexts.get("bundle.index.record", BundleArchive.printable(f[0])));
        }
    }

    private static Failure failure(String path, String reason, String text, int no) throws BundleException {
        String detail = BundleArchive.printable(text);
        return switch (reason) {
            case "denied" -> new Failure(TargetException.Reason.PERMISSION_DENIED, AuditTexts.get("target.file.denied", path));
            case "loop" -> new Failure(TargetException.Reason.SYMLINK_LOOP, AuditTexts.get("target.file.loop", path));
            case "toolarge" -> new Failure(TargetException.Reason.TOO_LARGE, AuditTexts.get("target.bundle.too-large", path, detail));
            case "io" -> new Failure(TargetException.Reason.IO, path + ": " + detail);
            default -> throw bad(no, AuditTexts.get("bundle.index.reason", BundleArchive.printable(reason)));
        };
    }

    private static void fields(String[] f, int n, int no, String form) throws BundleException {
        if (f.length != n) {
            throw bad(no, AuditTexts.get("bundle.index.fields", form, String.valueOf(n), String.valueOf(f.length)));
        }
    }

    private static String path(String raw, int no) throws BundleException {
        return BundlePaths.normalize(raw).orElseThrow(() -> bad(no, AuditTexts.get("bundle.index.path", BundleArchive.printable(raw))));
    }

    private static BundleException bad(int no, String message) {
        return new BundleException("index:" + no + ": " + message);
    }
}
