package de.tomaudit.rules;

import de.tomaudit.i18n.AuditTexts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.jexl3.JexlBuilder;
import org.apache.commons.jexl3.JexlContext;
import org.apache.commons.jexl3.JexlEngine;
import org.apache.commons.jexl3.JexlException;
import org.apache.commons.jexl3.JexlFeatures;
import org.apache.commons.jexl3.JexlScript;
import org.apache.commons.jexl3.MapContext;
import org.apache.commons.jexl3.introspection.JexlPermissions;

/**
 * The sandboxed JEXL engine for rule conditions: expressions only (no loops, no assignments,
 * no {@code new}, no pragmas), lambdas for the {@code t:} functions, and Java introspection
 * restricted to JEXL's RESTRICTED set plus the functions class.
 */
public final class Conditions {

    /** The engine, built on first compile: {@code rules list} never builds it. */
    private static final class Engine {
        static final JexlFeatures FEATURES = new JexlFeatures()
                .loops(false)
                .sideEffect(false)
                .sideEffectGlobal(false)
                .newInstance(false)
                .pragma(false)
                .annotation(false)
                .importPragma(false)
                .namespacePragma(false)
                .localVar(true)
                .register(false)
                .lambda(true)
                .thinArrow(true)
                .fatArrow(false)
                .methodCall(true)
                .structuredLiteral(true);

        static final JexlEngine ENGINE = new JexlBuilder()
                .features(FEATURES)
                .permissions(JexlPermissions.RESTRICTED.compose("de.tomaudit.rules.*"))
                .namespaces(Map.of("t", ConditionFunctions.class))
                .arithmetic(new StrictEqualityArithmetic())
                .antish(true)
                .strict(true)
                .safe(false)
                .silent(false)
                .cache(512)
                .collectMode(2)
                .create();
    }

    private Conditions() { }

    /** Compiles an expression; the message of a failure says what is wrong and where in the text. */
    public static Condition compile(String text) {
        return new Condition(text, compiled(text));
    }

    /**
     * A condition compiled on first use (see {@link Condition}): for the built-in rules only, whose
     * expressions the build has compiled already; a failure then is an IllegalArgumentException.
     */
    public static Condition deferred(String text) {
        return new Condition(text, Conditions::compiled);
    }

    private static Condition.Compiled compiled(String text) {
        try {
            JexlScript script = Engine.ENGINE.createScript(text);
            List<String> refs = new ArrayList<>();
            for (List<String> path : script.getVariables()) {
                refs.add(String.join(".", path));
            }
            return new Condition.Compiled(script, refs);
        } catch (JexlException e) {
            throw new IllegalArgumentException(cleanMessage(e), e);
        }
    }

    /** Evaluates with the given variables (dotted fact keys to values). */
    public static Object evaluate(Condition condition, Map<String, Object> variables) {
        JexlContext ctx = new MapContext(new java.util.HashMap<>(variables));
        try {
            return condition.script().execute(ctx);
        } catch (JexlException e) {
            throw new IllegalArgumentException(cleanMessage(e), e);
        } catch (StackOverflowError e) {
            throw new IllegalArgumentException(AuditTexts.get("rule.condition.too-deep"));
        }
    }

    /** A Java class.method:line, and JEXL's optional @line:column in the expression, then a blank. */
    private static final java.util.regex.Pattern JAVA_LOCATION =
            java.util.regex.Pattern.compile("[A-Za-z_$][\\w$]*(?:\\.[\\w$<>]+)+:\\d+(?:@(\\d+):(\\d+))?\\s+");

    static String cleanMessage(JexlException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        // JEXL prefixes messages with the Java location of its caller ("de.tomaudit.rules.Conditions.compiled:72@1:3
        // parsing error in '+'"): a rule's author gets the place in the expression instead, never a Java location
        java.util.regex.Matcher loc = JAVA_LOCATION.matcher(m);
        if (loc.lookingAt()) {
            m = (loc.group(1) != null ? "at " + loc.group(1) + ":" + loc.group(2) + ": " : "") + m.substring(loc.end());
        }
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null && !m.contains(cause.getMessage())) {
            m = m + ": " + cause.getMessage();
        }
        return m;
    }
}
