package de.tomaudit.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import de.tomaudit.result.AuditResult;
import java.io.IOException;
import java.io.OutputStream;

/** The stable JSON result (docs/json-result.md), serialised from the typed model. */
public final class JsonRenderer implements Renderer {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .build();

    @Override public String format() { return "json"; }
    @Override public String extension() { return "json"; }

    @Override
    public void render(AuditResult result, RenderOptions options, OutputStream out) throws IOException {
        MAPPER.writeValue(out, result);
        out.write('\n');
        out.flush();
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
