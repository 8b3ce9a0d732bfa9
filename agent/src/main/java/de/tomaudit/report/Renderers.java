package de.tomaudit.report;

import java.util.List;
import java.util.Optional;

/** The output formats of this build. */
public final class Renderers {
    /** Formats of the command-line contract that later versions add. */
    public static final List<String> PLANNED = List.of("html", "md", "csv", "junit", "pdf", "tom");

    private Renderers() { }

    public static List<Renderer> all() {
        return List.of(new ConsoleRenderer(), new JsonRenderer());
    }

    public static Optional<Renderer> byFormat(String format) {
        return all().stream().filter(r -> r.format().equals(format)).findFirst();
    }
}
