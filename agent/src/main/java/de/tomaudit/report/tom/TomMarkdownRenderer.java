package de.tomaudit.report.tom;

import de.tomaudit.report.RenderOptions;
import de.tomaudit.report.Renderer;
import de.tomaudit.result.AuditResult;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/** {@code --format tom-md}: the TOM annex as GitHub-flavoured Markdown (tables). */
public final class TomMarkdownRenderer implements Renderer {
    @Override public String format() { return "tom-md"; }
    @Override public String extension() { return "tom.md"; }
    @Override public String fileName() { return "tomaudit-annex.md"; }

    @Override
    public void render(AuditResult result, RenderOptions options, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        TomTemplates.markdown(TomAnnexBuilder.build(result, options.lang(), options.tomGroup(), options.org()), w);
        w.flush();
    }
}
