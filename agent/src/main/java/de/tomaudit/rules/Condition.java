package de.tomaudit.rules;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.apache.commons.jexl3.JexlScript;

/**
 * A rule expression, compiled, with the dotted names it reads (candidates for fact keys:
 * {@code pg.clusters.x} is checked as {@code pg.clusters.x}, then {@code pg.clusters}, …).
 *
 * <p>A condition of a built-in rule may be compiled on first use ({@link Conditions#deferred}):
 * {@code rules list} never compiles one, and an audit compiles them beside its collectors. The
 * built-in rules are compiled by the build's tests, so a deferred one cannot fail at run time; a
 * user's rule is always compiled when it is read, so its error names file and line.
 */
public final class Condition {
    private final String text;
    private final Function<String, Compiled> compiler;
    private volatile Compiled compiled;

    /** The compiled form: the script and the names it reads. */
    record Compiled(JexlScript script, List<String> references) {
        Compiled {
            references = List.copyOf(references);
        }
    }

    Condition(String text, Compiled compiled) {
        this.text = Objects.requireNonNull(text, "text");
        this.compiler = null;
        this.compiled = Objects.requireNonNull(compiled, "compiled");
    }

    Condition(String text, Function<String, Compiled> compiler) {
        this.text = Objects.requireNonNull(text, "text");
        this.compiler = Objects.requireNonNull(compiler, "compiler");
    }

    public String text() {
        return text;
    }

    public JexlScript script() {
        return compiled().script();
    }

    public List<String> references() {
        return compiled().references();
    }

    /** Whether it has been compiled already (a deferred condition not yet used has not). */
    public boolean isCompiled() {
        return compiled != null;
    }

    /** Compiles it now if it is deferred; an expression that does not compile is an IllegalArgumentException. */
    public Condition compile() {
        compiled();
        return this;
    }

    private Compiled compiled() {
        Compiled c = compiled;
        if (c == null) {
            synchronized (this) {
                c = compiled;
                if (c == null) {
                    c = compiler.apply(text);
                    compiled = c;
                }
            }
        }
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Condition c && c.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return "Condition[" + text + "]";
    }
}
