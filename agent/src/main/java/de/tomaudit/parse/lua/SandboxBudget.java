package de.tomaudit.parse.lua;

/**
 * The running costs of one evaluation against its {@link SandboxLimits}: string bytes built,
 * pattern-matching steps, tables created, and the wall-clock deadline. Not thread-safe: one
 * evaluation runs on one thread. Exceeding a limit throws a {@link SandboxViolation}.
 */
final class SandboxBudget {
    private final SandboxLimits limits;
    private final long deadlineNanos;
    private long allocated;
    private long patternSteps;
    private int tables;

    SandboxBudget(SandboxLimits limits) {
        this.limits = limits;
        this.deadlineNanos = System.nanoTime() + limits.maxTime().toNanos();
    }

    SandboxLimits limits() {
        return limits;
    }

    /** Before a string of {@code length} bytes is built: refuses it when too long or too much in total. */
    void chargeString(long length) {
        if (length > limits.maxStringBytes()) {
            throw new SandboxViolation(ConfigProblem.Kind.MEMORY_LIMIT, "a string of " + length
                    + " bytes is longer than the sandbox allows (" + limits.maxStringBytes() + "): string bomb");
        }
        allocated += length;
        if (allocated > limits.maxAllocatedBytes()) {
            throw new SandboxViolation(ConfigProblem.Kind.MEMORY_LIMIT, "the configuration built more than "
                    + limits.maxAllocatedBytes() + " bytes of strings: string bomb");
        }
    }

    /** One or more backtracking steps of the pattern matcher. */
    void chargePatternSteps(long steps) {
        patternSteps += steps;
        if (patternSteps > limits.maxPatternSteps()) {
            throw new SandboxViolation(ConfigProblem.Kind.INSTRUCTION_LIMIT, "string pattern matching took more than "
                    + limits.maxPatternSteps() + " steps: pathological pattern");
        }
        if ((patternSteps & 0xFFF) == 0) {
            checkDeadline();
        }
    }

    void chargeTable() {
        if (++tables > limits.maxTables()) {
            throw new SandboxViolation(ConfigProblem.Kind.MEMORY_LIMIT, "the configuration created more than "
                    + limits.maxTables() + " tables: memory bomb");
        }
    }

    void checkDeadline() {
        if (System.nanoTime() - deadlineNanos > 0) {
            throw new SandboxViolation(ConfigProblem.Kind.TIME_LIMIT, "evaluation took longer than "
                    + limits.maxTime().toMillis() + " ms");
        }
    }
}
