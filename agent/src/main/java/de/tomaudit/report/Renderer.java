package de.tomaudit.report;

import de.tomaudit.result.AuditResult;
import java.io.IOException;
import java.io.OutputStream;

/** Writes an audit result in one output format; renderers only read the result. */
public interface Renderer {

    /** The {@code --format} name. */
    String format();

    /**
     * File name ending for {@code --output DIR}: the file is {@code tomaudit-report.<extension>}
     * ({@code html}, {@code junit.xml}, {@code sarif.json}, …).
     */
    String extension();

    /**
     * The file this format writes under {@code --output DIR}: {@code tomaudit-report.<extension>};
     * the TOM annex formats write {@code tomaudit-annex.<ext>}, the document a DPO files.
     */
    default String fileName() {
        return "tomaudit-report." + extension();
    }

    void render(AuditResult result, RenderOptions options, OutputStream out) throws IOException;
}
