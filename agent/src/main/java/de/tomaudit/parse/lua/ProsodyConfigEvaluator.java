package de.tomaudit.parse.lua;

import java.util.Map;
import java.util.Objects;

/**
 * Evaluates a Prosody configuration ({@code prosody.cfg.lua}) the way Prosody's config loader
 * does, inside a sandbox on LuaJ: the global section, {@code VirtualHost}/{@code Host} and
 * {@code Component} sections (options after a section line belong to it until the next one; the
 * table form {@code VirtualHost "x" { ... }} too), {@code Include} with globs relative to the
 * including file's directory (each included file starts in the global section, as in Prosody),
 * {@code FileContents}, {@code FileLine}, {@code FileLines}, {@code ENV_*} variables (from the
 * given environment; unknown ones are nil and reported), and Prosody 13's option proxies
 * ({@code modules_enabled:append{...}}). {@code os}, {@code io}, {@code require}, {@code debug},
 * {@code Lua}, {@code RunScript} and loading code are denied; instructions, time, string and table
 * sizes, call depth and includes are bounded ({@link SandboxLimits}). Every option keeps the file
 * and line of the assignment that set it.
 *
 * <p>Instances are immutable and may be shared; each {@link #evaluate} call is independent.
 */
public final class ProsodyConfigEvaluator {
    private final ConfigSource source;
    private final SandboxLimits limits;
    private final Map<String, String> environment;

    public ProsodyConfigEvaluator(ConfigSource source) {
        this(source, SandboxLimits.DEFAULT, Map.of());
    }

    /**
     * @param environment the process environment Prosody would run with, for {@code ENV_NAME};
     *                    usually unknown to an audit (empty), then every {@code ENV_} is nil
     */
    public ProsodyConfigEvaluator(ConfigSource source, SandboxLimits limits, Map<String, String> environment) {
        this.source = Objects.requireNonNull(source, "source");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.environment = Map.copyOf(environment);
    }

    /** Evaluates the configuration starting at {@code mainFile}; never throws for bad input. */
    public ProsodyEvaluation evaluate(String mainFile) {
        return new ConfigRun(source, limits, environment, mainFile).run();
    }
}
