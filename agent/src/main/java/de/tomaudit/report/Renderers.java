package de.tomaudit.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The output formats of this build: format name -> renderer, one line per format. */
public final class Renderers {
    private static final Map<String, Supplier<Renderer>> FORMATS = new LinkedHashMap<>();

    static {
        FORMATS.put("console", ConsoleRenderer::new);
        FORMATS.put("json", JsonRenderer::new);
        FORMATS.put("html", HtmlRenderer::new);
        FORMATS.put("md", MarkdownRenderer::new);
        FORMATS.put("csv", CsvRenderer::new);
        FORMATS.put("junit", JunitRenderer::new);
        FORMATS.put("sarif", SarifRenderer::new);
        FORMATS.put("pdf", PdfRenderer::new);
        FORMATS.put("tom", de.tomaudit.report.tom.TomHtmlRenderer::new);
        FORMATS.put("tom-md", de.tomaudit.report.tom.TomMarkdownRenderer::new);
        FORMATS.put("tom-pdf", de.tomaudit.report.tom.TomPdfRenderer::new);
        FORMATS.put("tom-docx", de.tomaudit.report.tom.TomDocxRenderer::new);
    }

    /** Formats of the command-line contract that later versions add. */
    public static final List<String> PLANNED = plannedOnly(List.of("tom", "tom-md", "tom-pdf", "tom-docx"));

    private Renderers() { }

    /** The format names, in the order help texts list them. */
    public static List<String> names() {
        return Collections.unmodifiableList(new ArrayList<>(FORMATS.keySet()));
    }

    public static List<Renderer> all() {
        return FORMATS.values().stream().map(Supplier::get).toList();
    }

    public static Optional<Renderer> byFormat(String format) {
        return Optional.ofNullable(FORMATS.get(format)).map(Supplier::get);
    }

    private static List<String> plannedOnly(List<String> planned) {
        return planned.stream().filter(f -> !FORMATS.containsKey(f)).toList();
    }
}
