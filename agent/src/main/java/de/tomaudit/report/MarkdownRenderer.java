package de.tomaudit.report;

import de.tomaudit.result.AuditResult;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/** GitHub-flavoured Markdown with tables, from {@code reports/md/report.peb}. */
public final class MarkdownRenderer implements Renderer {

    @Override public String format() { return "md"; }
    @Override public String extension() { return "md"; }

    @Override
    public void render(AuditResult result, RenderOptions options, OutputStream out) throws IOException {
        StringWriter s = new StringWriter();
        Templates.markdown("md/report.peb", HtmlRenderer.context(ReportModel.of(result, options)), s);
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write(tidy(s.toString()));
        w.flush();
    }

    /** At most one blank line in a row, none at the start, one newline at the end. */
    static String tidy(String md) {
        return md.strip().replaceAll("\n{3,}", "\n\n") + "\n";
    }
}
