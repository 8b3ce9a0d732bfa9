package de.tomaudit.report.tom;

import com.fasterxml.jackson.databind.DeserializationFeature;
import de.tomaudit.report.JsonRenderer;
import de.tomaudit.report.RenderOptions;
import de.tomaudit.report.Renderer;
import de.tomaudit.report.Renderers;
import de.tomaudit.result.AuditResult;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What {@code tomaudit report --from RESULT --format F --output FILE} does for the annex formats,
 * for scripts/bench/tom-annex until that command is in the build: read a stored result, render
 * one format, write the file. Not a test.
 * <pre>java -cp tomaudit.jar:test-classes de.tomaudit.report.tom.TomAnnexRenderMain RESULT FORMAT FILE [LANG [GROUP]]</pre>
 */
public final class TomAnnexRenderMain {
    private TomAnnexRenderMain() { }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: TomAnnexRenderMain RESULT.json FORMAT FILE [LANG [GROUP]]");
            System.exit(2);
        }
        AuditResult result = JsonRenderer.mapper().copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .readValue(Path.of(args[0]).toFile(), AuditResult.class);
        Renderer r = Renderers.byFormat(args[1]).orElseThrow(() -> new IllegalArgumentException("no format " + args[1]));
        String lang = args.length > 3 ? args[3] : "de";
        String group = args.length > 4 ? args[4] : "kontrolle";
        try (OutputStream out = Files.newOutputStream(Path.of(args[2]))) {
            r.render(result, new RenderOptions(lang, false, "high", group, "Benchmark e.V."), out);
        }
    }
}
