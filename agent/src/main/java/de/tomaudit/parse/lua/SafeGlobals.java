package de.tomaudit.parse.lua;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.BaseLib;
import org.luaj.vm2.lib.MathLib;
import org.luaj.vm2.lib.TableLib;
import org.luaj.vm2.lib.VarArgFunction;
import org.luaj.vm2.lib.ZeroArgFunction;

/**
 * The Lua globals a sandboxed configuration can see: the base library without anything that
 * loads code or files or touches the process ({@code dofile}, {@code loadfile}, {@code load},
 * {@code collectgarbage}, {@code xpcall}; {@code print} does nothing), and fresh copies of the
 * {@code string}, {@code table} and {@code math} tables for each evaluation. Everything else
 * ({@code os}, {@code io}, {@code require}, {@code debug}, {@code package}, {@code coroutine},
 * Prosody 13's {@code Lua} table) is {@link #DENIED}: reading it stops the evaluation.
 */
final class SafeGlobals {
    /** Names whose mere use stops the evaluation as forbidden. */
    static final Set<String> DENIED = Set.of("os", "io", "require", "debug", "dofile", "loadfile", "load",
            "loadstring", "package", "module", "collectgarbage", "coroutine", "Lua", "luajava", "xpcall",
            "setfenv", "getfenv", "newproxy");

    private static final Map<String, LuaValue> BASE;
    private static final Map<String, LuaValue> TABLE;
    private static final Map<String, LuaValue> MATH;

    static {
        Globals scratch = new Globals();
        LuaTable pkg = new LuaTable();
        pkg.set("loaded", new LuaTable());
        scratch.set("package", pkg);
        LuaValue savedStringMeta = LuaString.s_metatable;
        scratch.load(new BaseLib());
        scratch.load(new TableLib());
        scratch.load(new MathLib());
        LuaString.s_metatable = savedStringMeta;
        Map<String, LuaValue> base = new LinkedHashMap<>();
        for (String name : new String[] {"assert", "error", "getmetatable", "ipairs", "next", "pairs", "pcall",
                "rawequal", "rawget", "rawlen", "rawset", "select", "setmetatable", "tonumber", "tostring", "type",
                "_VERSION"}) {
            base.put(name, scratch.get(name));
        }
        // error() and assert() raise with a fixed text: the value a configuration passes may be a
        // secret (error(db_password)), and the message reaches the finding, so it is withheld
        base.put("error", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                throw new LuaError("error() called by the configuration (its value is not shown)");
            }
        });
        base.put("assert", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                if (!args.arg1().toboolean()) {
                    throw new LuaError("assertion failed in the configuration (its message is not shown)");
                }
                return args;
            }
        });
        base.put("print", new ZeroArgFunction() {
            @Override
            public LuaValue call() {
                return NIL;
            }
        });
        base.put("unpack", boundedUnpack(scratch.get("table").get("unpack")));
        BASE = Map.copyOf(base);
        Map<String, LuaValue> table = new LinkedHashMap<>();
        LuaTable t = scratch.get("table").checktable();
        for (String name : new String[] {"insert", "pack", "remove", "sort"}) {
            table.put(name, t.get(name));
        }
        table.put("concat", boundedConcat(t.get("concat")));
        table.put("unpack", boundedUnpack(t.get("unpack")));
        TABLE = Map.copyOf(table);
        Map<String, LuaValue> math = new LinkedHashMap<>();
        LuaTable m = scratch.get("math").checktable();
        for (LuaValue k = m.next(LuaValue.NIL).arg1(); !k.isnil(); k = m.next(k).arg1()) {
            math.put(k.tojstring(), m.get(k));
        }
        MATH = Map.copyOf(math);
    }

    private SafeGlobals() { }

    /** A fresh table of the safe globals for one evaluation. */
    static LuaTable newTable() {
        LuaTable g = new LuaTable();
        BASE.forEach(g::rawset);
        g.rawset("string", SafeStringLibrary.newTable());
        g.rawset("table", copy(TABLE));
        g.rawset("math", copy(MATH));
        g.rawset("_G", g);
        return g;
    }

    private static LuaTable copy(Map<String, LuaValue> functions) {
        LuaTable t = new LuaTable();
        functions.forEach(t::rawset);
        return t;
    }

    /** table.concat, refused before it builds a string over the limit. */
    private static LuaValue boundedConcat(LuaValue concat) {
        return new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                LuaTable t = args.checktable(1);
                LuaString sep = args.optstring(2, LuaValue.EMPTYSTRING);
                int i = args.optint(3, 1);
                int j = args.isnoneornil(4) ? t.length() : args.checkint(4);
                SandboxBudget budget = SandboxBudgets.current();
                if ((long) j - i > budget.limits().maxStringBytes()) {
                    budget.chargeString((long) j - i);
                }
                long total = 0;
                for (int k = i; k <= j; k++) {
                    LuaValue v = t.get(k);
                    total += (v instanceof LuaString s ? s.length() : 24) + (k > i ? sep.length() : 0);
                }
                budget.chargeString(total);
                return concat.invoke(args);
            }
        };
    }

    /** unpack returns one value per element: bounded so a configuration cannot fill the stack. */
    private static LuaValue boundedUnpack(LuaValue unpack) {
        return new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                LuaTable t = args.checktable(1);
                int i = args.optint(2, 1);
                int j = args.isnoneornil(3) ? t.length() : args.checkint(3);
                if ((long) j - i > 65_536) {
                    throw new SandboxViolation(ConfigProblem.Kind.MEMORY_LIMIT,
                            "unpack asked for " + ((long) j - i + 1) + " values");
                }
                return unpack.invoke(args);
            }
        };
    }
}
