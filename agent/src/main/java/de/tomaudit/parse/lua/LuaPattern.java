package de.tomaudit.parse.lua;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * Lua 5.2 pattern matching (string.find, match, gmatch, gsub; reference manual §6.4.1) on a step
 * budget. LuaJ's own matcher backtracks without bound and recurses without a depth limit, so a
 * pattern like {@code ("a*"):rep(30) .. "b"} against a long string of "a" would run for hours
 * where no instruction hook can stop it. Here every recursive match call and every expansion step
 * is charged to the {@link SandboxBudget}, and nesting is capped as in C Lua (200).
 *
 * <p>One instance matches one subject against one pattern; {@link #level} and the capture arrays
 * are reset before each match attempt.
 */
final class LuaPattern {
    static final int MAX_CAPTURES = 32;
    private static final int MAX_NESTING = 200;
    private static final int CAP_UNFINISHED = -1;
    private static final int CAP_POSITION = -2;
    private static final String SPECIALS = "^$*+?.([%-";

    private final byte[] src;
    private final int srcOff;
    private final int srcLen;
    private final byte[] pat;
    private final int patOff;
    private final int patEnd;
    private final SandboxBudget budget;
    private final int[] capStart = new int[MAX_CAPTURES];
    private final int[] capLen = new int[MAX_CAPTURES];
    private int level;
    private int nesting;

    LuaPattern(LuaString subject, LuaString pattern, SandboxBudget budget) {
        this.src = subject.m_bytes;
        this.srcOff = subject.m_offset;
        this.srcLen = subject.m_length;
        this.pat = pattern.m_bytes;
        this.patOff = pattern.m_offset;
        this.patEnd = pattern.m_offset + pattern.m_length;
        this.budget = budget;
    }

    /** Whether the pattern has no magic characters (then find may search plainly). */
    static boolean isPlain(LuaString pattern) {
        for (int i = 0; i < pattern.m_length; i++) {
            if (SPECIALS.indexOf(pattern.m_bytes[pattern.m_offset + i] & 0xFF) >= 0) {
                return false;
            }
        }
        return true;
    }

    int patternStart() {
        return patOff;
    }

    boolean anchored() {
        return patOff < patEnd && pat[patOff] == '^';
    }

    int subjectLength() {
        return srcLen;
    }

    private int s(int i) {
        return src[srcOff + i] & 0xFF;
    }

    private int p(int i) {
        return pat[i] & 0xFF;
    }

    /** Matches at subject position {@code s} (0-based) from pattern index {@code p}; the end position or -1. */
    int matchAt(int s, int p) {
        level = 0;
        nesting = 0;
        return match(s, p);
    }

    private int match(int s, int p) {
        if (++nesting > MAX_NESTING) {
            throw new LuaError("pattern too complex");
        }
        budget.chargePatternSteps(1);
        try {
            while (true) {
                if (p == patEnd) {
                    return s;
                }
                switch (p(p)) {
                    case '(':
                        if (p + 1 < patEnd && p(p + 1) == ')') {
                            return startCapture(s, p + 2, CAP_POSITION);
                        }
                        return startCapture(s, p + 1, CAP_UNFINISHED);
                    case ')':
                        return endCapture(s, p + 1);
                    case '$':
                        if (p + 1 == patEnd) {
                            return s == srcLen ? s : -1;
                        }
                        break;
                    case '%':
                        if (p + 1 < patEnd) {
                            int next = p(p + 1);
                            if (next == 'b') {
                                s = matchBalance(s, p + 2);
                                if (s == -1) {
                                    return -1;
                                }
                                p += 4;
                                continue;
                            }
                            if (next == 'f') {
                                p += 2;
                                if (p >= patEnd || p(p) != '[') {
                                    throw new LuaError("missing '[' after '%f' in pattern");
                                }
                                int ep = classEnd(p);
                                int previous = s == 0 ? 0 : s(s - 1);
                                int current = s < srcLen ? s(s) : 0;
                                if (!matchBracketClass(previous, p, ep - 1) && matchBracketClass(current, p, ep - 1)) {
                                    p = ep;
                                    continue;
                                }
                                return -1;
                            }
                            if (next >= '0' && next <= '9') {
                                s = matchCapture(s, next);
                                if (s == -1) {
                                    return -1;
                                }
                                p += 2;
                                continue;
                            }
                        }
                        break;
                    default:
                        break;
                }
                int ep = classEnd(p);
                boolean m = s < srcLen && singleMatch(s(s), p, ep);
                if (ep < patEnd) {
                    switch (p(ep)) {
                        case '?':
                            if (m) {
                                int r = match(s + 1, ep + 1);
                                if (r != -1) {
                                    return r;
                                }
                            }
                            p = ep + 1;
                            continue;
                        case '+':
                            return m ? maxExpand(s + 1, p, ep) : -1;
                        case '*':
                            return maxExpand(s, p, ep);
                        case '-':
                            return minExpand(s, p, ep);
                        default:
                            break;
                    }
                }
                if (!m) {
                    return -1;
                }
                s++;
                p = ep;
            }
        } finally {
            nesting--;
        }
    }

    private int classEnd(int p) {
        int c = p(p++);
        if (c == '%') {
            if (p >= patEnd) {
                throw new LuaError("malformed pattern (ends with '%')");
            }
            return p + 1;
        }
        if (c == '[') {
            if (p < patEnd && p(p) == '^') {
                p++;
            }
            do {
                if (p >= patEnd) {
                    throw new LuaError("malformed pattern (missing ']')");
                }
                int x = p(p++);
                if (x == '%' && p < patEnd) {
                    p++;
                }
            } while (p >= patEnd || p(p) != ']');
            return p + 1;
        }
        return p;
    }

    private boolean singleMatch(int c, int p, int ep) {
        return switch (p(p)) {
            case '.' -> true;
            case '%' -> matchClass(c, p(p + 1));
            case '[' -> matchBracketClass(c, p, ep - 1);
            default -> p(p) == c;
        };
    }

    /** {@code p} at '[', {@code ec} at the closing ']'. */
    private boolean matchBracketClass(int c, int p, int ec) {
        boolean sig = true;
        if (p(p + 1) == '^') {
            sig = false;
            p++;
        }
        while (++p < ec) {
            if (p(p) == '%') {
                p++;
                if (matchClass(c, p(p))) {
                    return sig;
                }
            } else if (p + 2 < ec && p(p + 1) == '-') {
                if (p(p) <= c && c <= p(p + 2)) {
                    return sig;
                }
                p += 2;
            } else if (p(p) == c) {
                return sig;
            }
        }
        return !sig;
    }

    /** The C-locale character classes of Lua patterns; an upper-case class letter negates. */
    static boolean matchClass(int c, int cl) {
        boolean res;
        switch (Character.toLowerCase(cl)) {
            case 'a' -> res = isAlpha(c);
            case 'c' -> res = c < 32 || c == 127;
            case 'd' -> res = c >= '0' && c <= '9';
            case 'g' -> res = c > 32 && c < 127;
            case 'l' -> res = c >= 'a' && c <= 'z';
            case 'p' -> res = c > 32 && c < 127 && !isAlpha(c) && !(c >= '0' && c <= '9');
            case 's' -> res = c == ' ' || (c >= 9 && c <= 13);
            case 'u' -> res = c >= 'A' && c <= 'Z';
            case 'w' -> res = isAlpha(c) || (c >= '0' && c <= '9');
            case 'x' -> res = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            default -> {
                return cl == c;
            }
        }
        return cl >= 'A' && cl <= 'Z' ? !res : res;
    }

    private static boolean isAlpha(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private int maxExpand(int s, int p, int ep) {
        int i = 0;
        while (s + i < srcLen && singleMatch(s(s + i), p, ep)) {
            i++;
        }
        budget.chargePatternSteps(i);
        while (i >= 0) {
            int r = match(s + i, ep + 1);
            if (r != -1) {
                return r;
            }
            i--;
        }
        return -1;
    }

    private int minExpand(int s, int p, int ep) {
        while (true) {
            int r = match(s, ep + 1);
            if (r != -1) {
                return r;
            }
            if (s < srcLen && singleMatch(s(s), p, ep)) {
                s++;
            } else {
                return -1;
            }
        }
    }

    private int startCapture(int s, int p, int what) {
        if (level >= MAX_CAPTURES) {
            throw new LuaError("too many captures");
        }
        capStart[level] = s;
        capLen[level] = what;
        level++;
        int r = match(s, p);
        if (r == -1) {
            level--;
        }
        return r;
    }

    private int endCapture(int s, int p) {
        int l = captureToClose();
        capLen[l] = s - capStart[l];
        int r = match(s, p);
        if (r == -1) {
            capLen[l] = CAP_UNFINISHED;
        }
        return r;
    }

    private int captureToClose() {
        for (int l = level - 1; l >= 0; l--) {
            if (capLen[l] == CAP_UNFINISHED) {
                return l;
            }
        }
        throw new LuaError("invalid pattern capture");
    }

    private int matchBalance(int s, int p) {
        if (p + 1 >= patEnd) {
            throw new LuaError("malformed pattern (missing arguments to '%b')");
        }
        if (s >= srcLen || s(s) != p(p)) {
            return -1;
        }
        int open = p(p);
        int close = p(p + 1);
        int depth = 1;
        int start = s;
        while (++s < srcLen) {
            int c = s(s);
            if (c == close) {
                if (--depth == 0) {
                    budget.chargePatternSteps(s - start);
                    return s + 1;
                }
            } else if (c == open) {
                depth++;
            }
        }
        budget.chargePatternSteps(s - start);
        return -1;
    }

    private int matchCapture(int s, int digit) {
        int l = digit - '1';
        if (l < 0 || l >= level || capLen[l] == CAP_UNFINISHED) {
            throw new LuaError("invalid capture index %" + (l + 1));
        }
        int len = capLen[l];
        if (srcLen - s >= len) {
            for (int i = 0; i < len; i++) {
                if (src[srcOff + capStart[l] + i] != src[srcOff + s + i]) {
                    return -1;
                }
            }
            budget.chargePatternSteps(len);
            return s + len;
        }
        return -1;
    }

    /** Capture {@code i} of the last successful match from {@code s} to {@code e}: a string or a position. */
    LuaValue capture(int i, int s, int e) {
        if (i >= level) {
            if (i == 0) {
                return substring(s, e);
            }
            throw new LuaError("invalid capture index %" + (i + 1));
        }
        int l = capLen[i];
        if (l == CAP_UNFINISHED) {
            throw new LuaError("unfinished capture");
        }
        if (l == CAP_POSITION) {
            return LuaValue.valueOf(capStart[i] + 1);
        }
        return substring(capStart[i], capStart[i] + l);
    }

    /** All captures, or the whole match when the pattern has none and {@code wholeIfNone}. */
    Varargs captures(boolean wholeIfNone, int s, int e) {
        int n = level == 0 && wholeIfNone ? 1 : level;
        LuaValue[] out = new LuaValue[n];
        for (int i = 0; i < n; i++) {
            out[i] = capture(i, s, e);
        }
        return LuaValue.varargsOf(out);
    }

    int captureCount() {
        return level;
    }

    LuaString substring(int from, int to) {
        return LuaString.valueOf(src, srcOff + from, to - from);
    }

    int byteAt(int i) {
        return s(i);
    }
}
