package de.tomaudit.report;

import de.tomaudit.result.AuditResult;
import java.io.IOException;
import java.io.OutputStream;

/** Writes an audit result in one output format; renderers only read the result. */
public interface Renderer {

    /** The {@code --format} name. */
    String format();

    /** File extension for {@code --output DIR} with several formats. */
    String extension();

    void render(AuditResult result, RenderOptions options, OutputStream out) throws IOException;
}
