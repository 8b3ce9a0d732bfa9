package de.tomaudit.target;

import de.tomaudit.pattern.Wildcard;
import java.util.ArrayList;
import java.util.List;

/** Shell-style globbing over any {@link Target}, one path component at a time. */
final class Globber {

    private Globber() { }

    static List<String> glob(Target target, String pattern) throws TargetException {
        if (!pattern.startsWith("/")) {
            throw new IllegalArgumentException("glob must be absolute: " + pattern);
        }
        String[] parts = pattern.substring(1).split("/");
        List<String> current = List.of("");
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.isEmpty()) {
                continue;
            }
            boolean last = i == parts.length - 1;
            List<String> next = new ArrayList<>();
            for (String base : current) {
                if (!isGlob(part)) {
                    String p = base + "/" + part;
                    if (!last || target.exists(p)) {
                        next.add(p);
                    }
                    continue;
                }
                Wildcard matcher = Wildcard.compile(part, Wildcard.Syntax.GLOB);
                String dir = base.isEmpty() ? "/" : base;
                List<DirEntry> entries;
                try {
                    entries = target.list(dir);
                } catch (TargetException e) {
                    if (e.reason() == TargetException.Reason.NOT_FOUND) {
                        continue;
                    }
                    throw e;
                }
                for (DirEntry e : entries) {
                    boolean hidden = e.name().startsWith(".") && !part.startsWith(".");
                    if (!hidden && matcher.matches(e.name())) {
                        next.add(base + "/" + e.name());
                    }
                }
            }
            current = next;
        }
        return current.stream().filter(p -> !p.isEmpty()).sorted().toList();
    }

    static boolean isGlob(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0;
    }
}
