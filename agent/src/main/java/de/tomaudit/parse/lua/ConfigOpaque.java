package de.tomaudit.parse.lua;

/** A configuration value that is no data (a function, a coroutine, a proxy); only its Lua type is kept. */
public record ConfigOpaque(String luaType) {

    @Override
    public String toString() {
        return "<" + luaType + ">";
    }
}
