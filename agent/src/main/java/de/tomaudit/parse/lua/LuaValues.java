package de.tomaudit.parse.lua;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.luaj.vm2.LuaBoolean;
import org.luaj.vm2.LuaNumber;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * Turns what a configuration left in its options into plain Java values: strings, whole numbers
 * as Long, other numbers as Double, booleans, tables as {@link ConfigTable}, anything else as
 * {@link ConfigOpaque}. Tables that contain themselves become an opaque "cycle"; depth and size
 * are bounded so a configuration cannot make the conversion itself expensive.
 */
final class LuaValues {
    static final int MAX_DEPTH = 32;
    static final int MAX_NODES = 100_000;

    private final IdentityHashMap<LuaTable, Boolean> open = new IdentityHashMap<>();
    private int nodes;

    /** Converts one value; nil gives null. Proxies of Prosody 13 options are unwrapped first. */
    Object convert(LuaValue v) {
        return convert(v, 0);
    }

    private Object convert(LuaValue v, int depth) {
        if (++nodes > MAX_NODES) {
            throw new SandboxViolation(ConfigProblem.Kind.MEMORY_LIMIT,
                    "option values hold more than " + MAX_NODES + " elements");
        }
        v = OptionProxy.unwrap(v);
        if (v.isnil()) {
            return null;
        }
        if (v instanceof LuaString s) {
            return s.tojstring();
        }
        if (v instanceof LuaBoolean b) {
            return b.toboolean();
        }
        if (v instanceof LuaNumber n) {
            double d = n.todouble();
            if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 9.007199254740992E15) {
                return (long) d;
            }
            return d;
        }
        if (v instanceof LuaTable t) {
            if (depth >= MAX_DEPTH || open.containsKey(t)) {
                return new ConfigOpaque(depth >= MAX_DEPTH ? "table nested too deeply" : "table containing itself");
            }
            open.put(t, Boolean.TRUE);
            try {
                return table(t, depth);
            } finally {
                open.remove(t);
            }
        }
        return new ConfigOpaque(v.typename());
    }

    private ConfigTable table(LuaTable t, int depth) {
        List<Object> list = new ArrayList<>();
        int n = t.rawlen();
        for (int i = 1; i <= n; i++) {
            Object x = convert(t.rawget(i), depth + 1);
            if (x == null) {
                n = i - 1;
                break;
            }
            list.add(x);
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        LuaValue k = LuaValue.NIL;
        while (true) {
            Varargs next = t.next(k);
            k = next.arg1();
            if (k.isnil()) {
                break;
            }
            if (k.isinttype() && k.toint() >= 1 && k.toint() <= n) {
                continue;
            }
            Object x = convert(next.arg(2), depth + 1);
            if (x != null) {
                fields.put(k.isstring() && !k.isnumber() ? k.tojstring() : keyText(k), x);
            }
        }
        return new ConfigTable(list, fields);
    }

    private static String keyText(LuaValue k) {
        if (k.isnumber()) {
            double d = k.todouble();
            return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
        }
        return k.isstring() ? k.tojstring() : "<" + k.typename() + ">";
    }
}
