package de.tomaudit.parse.lua;

import java.util.Objects;

/**
 * Why a configuration could not be evaluated safely, or a warning about it, with the file and
 * 1-based line it concerns (line 0 when only the file is known).
 */
public record ConfigProblem(Kind kind, String message, String file, int line) {

    public enum Kind {
        /** Lua syntax error. */
        SYNTAX,
        /** A runtime error of the configuration itself (error(), calling nil, bad arguments). */
        RUNTIME,
        /** A library Prosody's sandbox here does not offer: os, io, require, debug, Lua, RunScript … */
        FORBIDDEN,
        /** More VM instructions than allowed: a loop that does not end. */
        INSTRUCTION_LIMIT,
        /** Longer than the allowed wall-clock time. */
        TIME_LIMIT,
        /** Strings or tables beyond the allowed size: a memory bomb. */
        MEMORY_LIMIT,
        /** Nested calls beyond the allowed depth (runaway recursion). */
        CALL_DEPTH,
        /** An included or read file is missing, unreadable, binary, or includes itself. */
        INCLUDE,
        /** Not an error: something an auditor should know (duplicate option, unknown ENV_ value …). */
        WARNING
    }

    public ConfigProblem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(file, "file");
        message = message == null ? "" : message;
    }

    /** {@code file:line}, or the file alone when the line is unknown. */
    public String source() {
        return line > 0 ? file + ":" + line : file;
    }

    @Override
    public String toString() {
        return source() + ": " + message;
    }
}
