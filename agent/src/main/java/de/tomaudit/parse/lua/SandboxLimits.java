package de.tomaudit.parse.lua;

import java.time.Duration;

/**
 * What one sandboxed evaluation may cost. A real Prosody configuration needs a few thousand
 * VM instructions and a few kilobytes of strings; the limits are orders of magnitude above
 * that and orders of magnitude below what would hurt the agent.
 *
 * @param maxInstructions   Lua VM instructions over all files of one evaluation
 * @param maxTime           wall-clock time of one evaluation (checked every 1024 instructions)
 * @param maxStringBytes    the longest string the configuration may build
 * @param maxAllocatedBytes all string bytes built by concatenation and the string library together
 * @param maxPatternSteps   backtracking steps of string.find/match/gmatch/gsub together
 * @param maxTables         tables the configuration may create
 * @param maxCallDepth      nested Lua function calls
 * @param maxIncludeDepth   nested Include levels
 * @param maxFiles          files read by Include, FileContents, FileLine and FileLines
 */
public record SandboxLimits(long maxInstructions, Duration maxTime, int maxStringBytes, long maxAllocatedBytes,
                            long maxPatternSteps, int maxTables, int maxCallDepth, int maxIncludeDepth, int maxFiles) {

    public static final SandboxLimits DEFAULT = new SandboxLimits(2_000_000, Duration.ofMillis(1500),
            1024 * 1024, 32L * 1024 * 1024, 5_000_000, 200_000, 200, 16, 256);

    public SandboxLimits {
        if (maxInstructions < 1 || maxStringBytes < 1 || maxAllocatedBytes < 1 || maxPatternSteps < 1
                || maxTables < 1 || maxCallDepth < 1 || maxIncludeDepth < 1 || maxFiles < 1
                || maxTime.isNegative() || maxTime.isZero()) {
            throw new IllegalArgumentException("sandbox limits must be positive");
        }
    }
}
