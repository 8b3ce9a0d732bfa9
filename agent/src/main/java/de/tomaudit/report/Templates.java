package de.tomaudit.report;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * The Pebble templates under the repository's {@code reports/} (packaged into the jar as
 * {@code /reports/…}): HTML with automatic HTML escaping, Markdown with the {@code md} filter
 * (table-cell escaping) and no HTML escaping. Engines are built once and are thread-safe.
 */
public final class Templates {
    private static final PebbleEngine HTML = new PebbleEngine.Builder()
            .loader(loader())
            .autoEscaping(true)
            .defaultEscapingStrategy("html")
            .strictVariables(true)
            .newLineTrimming(true)
            .cacheActive(true)
            .build();
    private static final PebbleEngine MARKDOWN = new PebbleEngine.Builder()
            .loader(loader())
            .autoEscaping(false)
            .strictVariables(true)
            .newLineTrimming(true)
            .extension(new MarkdownExtension())
            .build();

    private Templates() { }

    private static ClasspathLoader loader() {
        ClasspathLoader l = new ClasspathLoader(Templates.class.getClassLoader());
        l.setPrefix("reports");
        return l;
    }

    /** Renders {@code reports/<name>} (HTML-escaped) with the given variables. */
    public static void html(String name, Map<String, Object> context, Writer out) {
        evaluate(HTML, name, context, out);
    }

    /** Renders {@code reports/<name>} (Markdown, values through the {@code md} filter). */
    public static void markdown(String name, Map<String, Object> context, Writer out) {
        evaluate(MARKDOWN, name, context, out);
    }

    public static String html(String name, Map<String, Object> context) {
        StringWriter w = new StringWriter();
        html(name, context, w);
        return w.toString();
    }

    private static void evaluate(PebbleEngine engine, String name, Map<String, Object> context, Writer out) {
        PebbleTemplate t = engine.getTemplate(name);
        try {
            t.evaluate(out, context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code {{ value | md }}}: safe inside a GitHub-flavoured Markdown table cell. */
    private static final class MarkdownExtension extends AbstractExtension {
        @Override
        public Map<String, Filter> getFilters() {
            return Map.of("md", new MarkdownCellFilter());
        }
    }

    private static final class MarkdownCellFilter implements Filter {
        @Override
        public List<String> getArgumentNames() {
            return List.of();
        }

        @Override
        public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int lineNumber) {
            return input == null ? "" : MarkdownText.cell(String.valueOf(input));
        }
    }
}
