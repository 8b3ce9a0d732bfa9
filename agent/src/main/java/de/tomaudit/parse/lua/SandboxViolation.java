package de.tomaudit.parse.lua;

/**
 * The configuration did something the sandbox does not allow (a forbidden library, a loop that
 * does not end, a string bomb). It is an {@link Error}, not an exception, on purpose: Lua's
 * {@code pcall} in LuaJ catches {@link Exception}s, so a configuration could otherwise swallow the
 * violation and go on. Only the evaluator catches it; it never leaves this package.
 */
final class SandboxViolation extends Error {
    private static final long serialVersionUID = 1L;
    private final ConfigProblem.Kind kind;

    SandboxViolation(ConfigProblem.Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    ConfigProblem.Kind kind() {
        return kind;
    }
}
