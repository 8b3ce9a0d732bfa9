package de.tomaudit.report;

import java.util.List;
import java.util.Optional;

/** The output formats of this build. */
public final class Renderers {
    /** Formats of the command-line contract that later versions add. */
    public static final List<String> PLANNED = List.of("html", "md", "csv", "junit", "sarif", "pdf");

    private Renderers() { }

    public static List<Renderer> all() {
        return List.of(new ConsoleRenderer(), new JsonRenderer(),
                new de.tomaudit.report.tom.TomHtmlRenderer(),
                new de.tomaudit.report.tom.TomMarkdownRenderer(),
                new de.tomaudit.report.tom.TomPdfRenderer(),
                new de.tomaudit.report.tom.TomDocxRenderer());
    }

    public static Optional<Renderer> byFormat(String format) {
        return all().stream().filter(r -> r.format().equals(format)).findFirst();
    }
}
