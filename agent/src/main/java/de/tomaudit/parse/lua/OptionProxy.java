package de.tomaudit.parse.lua;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.OneArgFunction;
import org.luaj.vm2.lib.TwoArgFunction;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * What reading a table-valued option gives in Prosody 13's config language: a proxy with
 * {@code :append{...}}, {@code :value()}, {@code :values()}, and a call form
 * ({@code modules_enabled { "mam" }} appends). Prosody 0.12 gave nil there; a configuration
 * written for 0.12 never reads its own options, so offering the 13 behaviour serves both.
 */
final class OptionProxy extends LuaTable {

    /** Where the proxy reads and writes its option. */
    interface Store {
        LuaValue raw(String host, String option);

        void set(String host, String option, LuaValue value);
    }

    private static final LuaTable METATABLE = metatable();
    private final Store store;
    private final String host;
    private final String option;

    OptionProxy(Store store, String host, String option) {
        this.store = store;
        this.host = host;
        this.option = option;
        setmetatable(METATABLE);
    }

    /** The option's value when {@code v} is a proxy, else {@code v}. */
    static LuaValue unwrap(LuaValue v) {
        return v instanceof OptionProxy p ? p.store.raw(p.host, p.option) : v;
    }

    private LuaValue value() {
        return store.raw(host, option);
    }

    private OptionProxy append(LuaValue value) {
        if (!value.istable()) {
            throw new LuaError("'append' operation expects a list of values to append to the existing list");
        }
        LuaValue current = value();
        LuaTable original = current.istable() ? current.checktable() : new LuaTable();
        LuaTable add = value.checktable();
        if (!add.rawget(1).isnil()) {
            for (int i = 1; !add.rawget(i).isnil(); i++) {
                original.rawset(original.rawlen() + 1, add.rawget(i));
            }
        } else {
            LuaValue k = LuaValue.NIL;
            while (true) {
                Varargs n = add.next(k);
                k = n.arg1();
                if (k.isnil()) {
                    break;
                }
                original.rawset(k, n.arg(2));
            }
        }
        store.set(host, option, original);
        return this;
    }

    private static LuaTable metatable() {
        LuaTable ops = new LuaTable();
        ops.rawset("append", new TwoArgFunction() {
            @Override
            public LuaValue call(LuaValue self, LuaValue value) {
                return proxy(self).append(value);
            }
        });
        ops.rawset("value", new OneArgFunction() {
            @Override
            public LuaValue call(LuaValue self) {
                return proxy(self).value();
            }
        });
        ops.rawset("values", new OneArgFunction() {
            @Override
            public LuaValue call(LuaValue self) {
                LuaValue v = proxy(self).value();
                LuaTable t = v.istable() ? v.checktable() : new LuaTable();
                return new VarArgFunction() {
                    private LuaValue key = NIL;

                    @Override
                    public Varargs invoke(Varargs args) {
                        Varargs n = t.next(key);
                        key = n.arg1();
                        return key.isnil() ? NIL : n.arg(2);
                    }
                };
            }
        });
        LuaTable mt = new LuaTable();
        mt.rawset("__index", new TwoArgFunction() {
            @Override
            public LuaValue call(LuaValue self, LuaValue key) {
                LuaValue op = ops.rawget(key);
                if (op.isnil()) {
                    throw new LuaError("Unknown config option operation: '" + key.tojstring() + "'");
                }
                return op;
            }
        });
        mt.rawset("__call", new TwoArgFunction() {
            @Override
            public LuaValue call(LuaValue self, LuaValue value) {
                LuaValue v = proxy(self).value();
                if ((v.isnil() || v.istable()) && value.istable()) {
                    return proxy(self).append(value);
                }
                throw new LuaError("Invalid syntax - missing '=' perhaps?");
            }
        });
        mt.rawset("__metatable", LuaValue.FALSE);
        return mt;
    }

    private static OptionProxy proxy(LuaValue self) {
        if (self instanceof OptionProxy p) {
            return p;
        }
        throw new LuaError("config option operations need ':' (e.g. modules_enabled:append{...})");
    }
}
