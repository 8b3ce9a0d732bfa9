package de.tomaudit.parse.lua;

import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.StringLib;
import org.luaj.vm2.lib.TwoArgFunction;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * The string library of the sandbox: LuaJ's functions where their cost is linear in their input,
 * bounded replacements for the rest. {@code rep}, {@code format}, {@code char}, case and
 * {@code reverse} charge the string budget before or after building; {@code find}, {@code match},
 * {@code gmatch} and {@code gsub} use {@link LuaPattern} on a step budget; {@code dump} is absent.
 * The functions are shared by every evaluation (the string metatable is global in LuaJ) and find
 * the running evaluation's budget through {@link SandboxBudgets#current()}.
 */
final class SafeStringLibrary {
    private static final Map<String, LuaValue> FUNCTIONS = build();
    /** What {@code ("x"):name} finds: read-only, so one configuration cannot change it for another. */
    static final LuaTable STRING_METATABLE = metatable();

    private SafeStringLibrary() { }

    /** A fresh {@code string} table for one evaluation (writes to it stay in that evaluation). */
    static LuaTable newTable() {
        LuaTable t = new LuaTable();
        FUNCTIONS.forEach((k, v) -> t.rawset(k, v));
        return t;
    }

    private static Map<String, LuaValue> build() {
        LuaTable luaj = new LuaTable();
        LuaTable pkg = new LuaTable();
        pkg.set("loaded", new LuaTable());
        luaj.set("package", pkg);
        LuaValue saved = LuaString.s_metatable;
        new StringLib().call(LuaValue.valueOf("string"), luaj);
        LuaString.s_metatable = saved;
        LuaTable lib = luaj.get("string").checktable();
        Map<String, LuaValue> m = new LinkedHashMap<>();
        m.put("byte", bytes(lib.get("byte")));
        m.put("char", charged(lib.get("char")));
        m.put("find", new Find(true));
        m.put("format", format(lib.get("format")));
        m.put("gmatch", new Gmatch());
        m.put("gsub", new Gsub());
        m.put("len", lib.get("len"));
        m.put("lower", charged(lib.get("lower")));
        m.put("match", new Find(false));
        m.put("rep", new Rep());
        m.put("reverse", charged(lib.get("reverse")));
        m.put("sub", lib.get("sub"));
        m.put("upper", charged(lib.get("upper")));
        return Map.copyOf(m);
    }

    private static LuaTable metatable() {
        LuaTable mt = new LuaTable();
        mt.rawset("__index", new TwoArgFunction() {
            @Override
            public LuaValue call(LuaValue self, LuaValue key) {
                LuaValue f = key.isstring() ? FUNCTIONS.get(key.tojstring()) : null;
                return f == null ? NIL : f;
            }
        });
        mt.rawset("__metatable", LuaValue.FALSE);
        return mt;
    }

    /** A LuaJ function whose string result is charged after it is built (its size is bounded by its input). */
    private static LuaValue charged(LuaValue f) {
        return new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                Varargs r = f.invoke(args);
                LuaValue v = r.arg1();
                if (v instanceof LuaString s) {
                    SandboxBudgets.current().chargeString(s.length());
                }
                return r;
            }
        };
    }

    /**
     * string.format: a conversion pads to at most 99 characters, so the result is bounded by the
     * format's length times 100 plus the arguments' lengths; refused before LuaJ builds it when that
     * bound is over the limit.
     */
    private static LuaValue format(LuaValue f) {
        return new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                long bound = (long) args.checkstring(1).length() * 100;
                for (int i = 2; i <= args.narg(); i++) {
                    LuaValue a = args.arg(i);
                    bound += a instanceof LuaString s ? s.length() : 100;
                }
                SandboxBudget budget = SandboxBudgets.current();
                if (bound > budget.limits().maxStringBytes()) {
                    budget.chargeString(bound);
                }
                Varargs r = f.invoke(args);
                if (r.arg1() instanceof LuaString s) {
                    budget.chargeString(s.length());
                }
                return r;
            }
        };
    }

    /** string.byte returns one value per byte: bounded so a configuration cannot fill the stack. */
    private static LuaValue bytes(LuaValue f) {
        return new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                LuaString s = args.checkstring(1);
                int i = relative(args.optint(2, 1), s.length());
                int j = relative(args.optint(3, i), s.length());
                if ((long) j - i > 65_536) {
                    throw new SandboxViolation(ConfigProblem.Kind.MEMORY_LIMIT,
                            "string.byte asked for " + ((long) j - i + 1) + " values");
                }
                return f.invoke(args);
            }
        };
    }

    private static int relative(int pos, int len) {
        if (pos >= 0) {
            return pos;
        }
        return -pos > len ? 0 : len + pos + 1;
    }

    /** string.rep with the result length checked before anything is built. */
    private static final class Rep extends VarArgFunction {
        @Override
        public Varargs invoke(Varargs args) {
            LuaString s = args.checkstring(1);
            long n = args.checklong(2);
            LuaString sep = args.optstring(3, LuaValue.EMPTYSTRING);
            if (n <= 0 || (s.length() == 0 && sep.length() == 0)) {
                return LuaValue.EMPTYSTRING;
            }
            long total = n * s.length() + (n - 1) * sep.length();
            if (n > Integer.MAX_VALUE || total < 0) {
                total = Long.MAX_VALUE;
            }
            SandboxBudgets.current().chargeString(total);
            byte[] out = new byte[(int) total];
            int pos = 0;
            for (long k = 0; k < n; k++) {
                if (k > 0) {
                    sep.copyInto(0, out, pos, sep.length());
                    pos += sep.length();
                }
                s.copyInto(0, out, pos, s.length());
                pos += s.length();
            }
            return LuaString.valueUsing(out);
        }
    }

    /** string.find ({@code find} true) and string.match. */
    private static final class Find extends VarArgFunction {
        private final boolean find;

        Find(boolean find) {
            this.find = find;
        }

        @Override
        public Varargs invoke(Varargs args) {
            LuaString s = args.checkstring(1);
            LuaString pattern = args.checkstring(2);
            int len = s.length();
            int init = relative(args.optint(3, 1), len);
            if (init < 1) {
                init = 1;
            }
            if (init > len + 1) {
                return NIL;
            }
            SandboxBudget budget = SandboxBudgets.current();
            if (find && (args.arg(4).toboolean() || LuaPattern.isPlain(pattern))) {
                budget.chargePatternSteps(len);
                int at = s.indexOf(pattern, init - 1);
                return at < 0 ? NIL : varargsOf(valueOf(at + 1), valueOf(at + pattern.length()));
            }
            LuaPattern m = new LuaPattern(s, pattern, budget);
            boolean anchor = m.anchored();
            int p = m.patternStart() + (anchor ? 1 : 0);
            int start = init - 1;
            do {
                int e = m.matchAt(start, p);
                if (e != -1) {
                    if (find) {
                        return varargsOf(valueOf(start + 1), valueOf(e), m.captures(false, start, e));
                    }
                    return m.captures(true, start, e);
                }
                start++;
            } while (start <= len && !anchor);
            return NIL;
        }
    }

    /** string.gmatch: an iterator over successive matches (Lua 5.2: an empty match advances by one). */
    private static final class Gmatch extends VarArgFunction {
        @Override
        public Varargs invoke(Varargs args) {
            LuaString s = args.checkstring(1);
            LuaString pattern = args.checkstring(2);
            SandboxBudget budget = SandboxBudgets.current();
            LuaPattern m = new LuaPattern(s, pattern, budget);
            return new VarArgFunction() {
                private int position;

                @Override
                public Varargs invoke(Varargs ignored) {
                    for (; position <= m.subjectLength(); position++) {
                        int e = m.matchAt(position, m.patternStart());
                        if (e != -1) {
                            int start = position;
                            position = e == start ? e + 1 : e;
                            return m.captures(true, start, e);
                        }
                    }
                    return NIL;
                }
            };
        }
    }

    /** string.gsub with the result built in a buffer that refuses to grow past the string limit. */
    private static final class Gsub extends VarArgFunction {
        @Override
        public Varargs invoke(Varargs args) {
            LuaString s = args.checkstring(1);
            LuaString pattern = args.checkstring(2);
            LuaValue repl = args.arg(3);
            if (!(repl.isstring() || repl.istable() || repl.isfunction())) {
                throw new LuaError("bad argument #3 to 'gsub' (string/function/table expected, got "
                        + repl.typename() + ")");
            }
            int max = args.optint(4, s.length() + 1);
            SandboxBudget budget = SandboxBudgets.current();
            LuaPattern m = new LuaPattern(s, pattern, budget);
            boolean anchor = m.anchored();
            int p = m.patternStart() + (anchor ? 1 : 0);
            BoundedBuffer out = new BoundedBuffer(budget);
            int src = 0;
            int n = 0;
            while (n < max) {
                int e = m.matchAt(src, p);
                if (e != -1) {
                    n++;
                    addValue(out, m, src, e, repl);
                }
                if (e != -1 && e > src) {
                    src = e;
                } else if (src < s.length()) {
                    out.write(m.byteAt(src++));
                } else {
                    break;
                }
                if (anchor) {
                    break;
                }
            }
            out.write(s, src, s.length());
            return varargsOf(out.toLuaString(), valueOf(n));
        }

        private static void addValue(BoundedBuffer out, LuaPattern m, int s, int e, LuaValue repl) {
            if (repl.isstring()) {
                LuaString r = repl.strvalue();
                for (int i = 0; i < r.length(); i++) {
                    int c = r.luaByte(i);
                    if (c != '%') {
                        out.write(c);
                        continue;
                    }
                    if (++i >= r.length()) {
                        throw new LuaError("invalid use of '%' in replacement string");
                    }
                    c = r.luaByte(i);
                    if (c == '%') {
                        out.write('%');
                    } else if (c == '0') {
                        out.write(m.substring(s, e), 0, e - s);
                    } else if (c >= '1' && c <= '9') {
                        LuaString v = m.capture(c - '1', s, e).tostring().checkstring();
                        out.write(v, 0, v.length());
                    } else {
                        throw new LuaError("invalid use of '%' in replacement string");
                    }
                }
                return;
            }
            LuaValue v = repl.istable() ? repl.get(m.capture(0, s, e)) : repl.invoke(m.captures(true, s, e)).arg1();
            if (!v.toboolean()) {
                out.write(m.substring(s, e), 0, e - s);
            } else if (v.isstring()) {
                LuaString x = v.strvalue();
                out.write(x, 0, x.length());
            } else {
                throw new LuaError("invalid replacement value (a " + v.typename() + ")");
            }
        }
    }

    /** A byte buffer charged to the budget as it grows. */
    private static final class BoundedBuffer {
        private final SandboxBudget budget;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final int max;

        BoundedBuffer(SandboxBudget budget) {
            this.budget = budget;
            this.max = budget.limits().maxStringBytes();
        }

        void write(int b) {
            ensure(1);
            bytes.write(b);
        }

        void write(LuaString s, int from, int to) {
            if (to <= from) {
                return;
            }
            ensure(to - from);
            bytes.write(s.m_bytes, s.m_offset + from, to - from);
        }

        private void ensure(int more) {
            if ((long) bytes.size() + more > max) {
                budget.chargeString((long) bytes.size() + more);
            }
        }

        LuaString toLuaString() {
            budget.chargeString(bytes.size());
            return LuaString.valueUsing(bytes.toByteArray());
        }
    }
}
