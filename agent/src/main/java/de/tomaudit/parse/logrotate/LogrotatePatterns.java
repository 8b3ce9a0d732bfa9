package de.tomaudit.parse.logrotate;

import de.tomaudit.pattern.Wildcard;

/**
 * Matches a log path against a logrotate pattern as glob(3) would: {@code *}, {@code ?} and
 * {@code [..]} within one path component; a leading dot must be matched explicitly.
 */
public final class LogrotatePatterns {

    private LogrotatePatterns() { }

    public static boolean matches(String pattern, String path) {
        if (pattern.equals(path)) {
            return true;
        }
        if (pattern.indexOf('*') < 0 && pattern.indexOf('?') < 0 && pattern.indexOf('[') < 0) {
            return false;
        }
        String[] pp = pattern.split("/", -1);
        String[] xp = path.split("/", -1);
        if (pp.length != xp.length) {
            return false;
        }
        for (int i = 0; i < pp.length; i++) {
            if (xp[i].startsWith(".") && !pp[i].startsWith(".") && !pp[i].equals(xp[i])) {
                return false;
            }
            if (!component(pp[i], xp[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean component(String pattern, String name) {
        if (pattern.equals(name)) {
            return true;
        }
        return !name.isEmpty() && Wildcard.compile(pattern, Wildcard.Syntax.GLOB).matches(name);
    }
}
