package de.tomaudit.parse.lua;

/**
 * The budget of the evaluation running on this thread, for the library functions LuaJ shares
 * between all evaluations (the string metatable is a static of LuaJ).
 */
final class SandboxBudgets {
    private static final ThreadLocal<SandboxBudget> CURRENT = new ThreadLocal<>();

    private SandboxBudgets() { }

    static SandboxBudget current() {
        SandboxBudget b = CURRENT.get();
        if (b == null) {
            throw new SandboxViolation(ConfigProblem.Kind.FORBIDDEN, "sandboxed function called outside an evaluation");
        }
        return b;
    }

    static void enter(SandboxBudget budget) {
        CURRENT.set(budget);
    }

    static void leave() {
        CURRENT.remove();
    }
}
