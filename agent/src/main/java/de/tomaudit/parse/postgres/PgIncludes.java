package de.tomaudit.parse.postgres;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Include handling shared by postgresql.conf and pg_hba.conf (PG 16+): relative paths are
 * relative to the directory of the including file; {@code include_dir} takes the files whose
 * names end in {@code .conf} and do not start with a dot, in byte order of their names; nesting
 * stops at depth 10 as in PostgreSQL, and a file including itself (directly or not) is a loop.
 */
final class PgIncludes {
    static final int MAX_DEPTH = 10;

    private PgIncludes() { }

    static String resolve(String includingFile, String path) {
        String p = path.startsWith("/") ? path : dirOf(includingFile) + "/" + path;
        return normalise(p);
    }

    static String dirOf(String file) {
        int slash = file.lastIndexOf('/');
        return slash <= 0 ? "/" : file.substring(0, slash);
    }

    static String normalise(String path) {
        Deque<String> parts = new ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(part);
            }
        }
        return "/" + String.join("/", parts);
    }

    /** The config files of an include_dir, sorted as PostgreSQL sorts them. */
    static List<String> confFiles(List<String> names) {
        return names.stream()
                .filter(n -> n.endsWith(".conf") && !n.startsWith("."))
                .sorted(PgIncludes::byteOrder)
                .toList();
    }

    private static int byteOrder(String a, String b) {
        byte[] x = a.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] y = b.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return java.util.Arrays.compareUnsigned(x, y);
    }

    /** Why this include may not be followed (loop or depth), or null when it may. */
    static String refusal(Deque<String> stack, String target) {
        if (stack.contains(target)) {
            StringBuilder chain = new StringBuilder();
            for (var it = stack.descendingIterator(); it.hasNext(); ) {
                chain.append(it.next()).append(" -> ");
            }
            return de.tomaudit.i18n.AuditTexts.get("parse.pg.include-loop", chain + target);
        }
        if (stack.size() > MAX_DEPTH) {
            return de.tomaudit.i18n.AuditTexts.get("parse.pg.depth", target);
        }
        return null;
    }
}
