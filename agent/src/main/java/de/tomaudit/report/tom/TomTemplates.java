package de.tomaudit.report.tom;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Pebble templates of the annex under {@code reports/tom/}: HTML with autoescaping (every value
 * from the result is escaped), Markdown with the {@code md}, {@code mdcell} and {@code mdcode}
 * filters (GitHub-flavoured table cells: pipes escaped, no raw HTML from the result). Engines are
 * built once; compiled templates are cached.
 */
final class TomTemplates {
    private static final PebbleEngine HTML = engine(true);
    private static final PebbleEngine MD = engine(false);

    private TomTemplates() { }

    private static PebbleEngine engine(boolean html) {
        ClasspathLoader loader = new ClasspathLoader(TomTemplates.class.getClassLoader());
        loader.setPrefix("reports/tom");
        PebbleEngine.Builder b = new PebbleEngine.Builder().loader(loader).strictVariables(true);
        if (html) {
            b.autoEscaping(true).addEscapingStrategy("xml", TomTemplates::escapeXml).defaultEscapingStrategy("xml");
        } else {
            // Markdown is line-based: every newline of the template is kept as written
            b.autoEscaping(false).newLineTrimming(false).extension(new MarkdownFilters());
        }
        return b.build();
    }

    /**
     * The five characters XML and HTML give meaning to, as Pebble's html strategy writes them; ours
     * because that strategy builds unbescape's table of every HTML5 entity first, which took a third
     * of a one-target PDF's CPU time.
     */
    static String escapeXml(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String e = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (e != null && out == null) {
                out = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (out != null) {
                if (e != null) {
                    out.append(e);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? s : out.toString();
    }

    static void html(TomAnnex annex, Writer out) {
        render(HTML, "annex.html.peb", annex, out);
    }

    static void markdown(TomAnnex annex, Writer out) {
        render(MD, "annex.md.peb", annex, out);
    }

    private static void render(PebbleEngine engine, String name, TomAnnex annex, Writer out) {
        TomTexts t = TomTexts.of(annex.lang());
        Map<String, Object> ctx = new HashMap<>();
        ctx.put("a", annex);
        ctx.put("t", t.asMap());
        ctx.put("intro2", t.format("intro.p2", annex.header().grouping()));
        ctx.put("pageTitle", annex.header().title().replace("\"", "").replace("\\", ""));
        try {
            engine.getTemplate(name).evaluate(out, ctx);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Markdown escaping for values that come from the result. */
    static final class MarkdownFilters extends AbstractExtension {
        @Override
        public Map<String, Filter> getFilters() {
            return Map.of("md", new Md(false, false), "mdcell", new Md(true, false), "mdcode", new Md(true, true));
        }
    }

    private record Md(boolean cell, boolean code) implements Filter {
        @Override
        public List<String> getArgumentNames() {
            return List.of();
        }

        @Override
        public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
                            int lineNumber) {
            String s = input == null ? "" : input.toString();
            s = s.replace("\r", "").replace("\n", " ");
            if (code) {
                if (s.isEmpty()) {
                    return "";
                }
                String fence = s.contains("``") ? "```" : s.contains("`") ? "``" : "`";
                String pad = s.startsWith("`") || s.endsWith("`") ? " " : "";
                return fence + pad + s.replace("|", "\\|") + pad + fence;
            }
            s = s.replace("\\", "\\\\").replace("<", "&lt;").replace(">", "&gt;")
                    .replace("*", "\\*").replace("_", "\\_").replace("`", "\\`").replace("[", "\\[");
            if (cell) {
                s = s.replace("|", "\\|");
            }
            return s;
        }
    }
}
