package de.tomaudit.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import de.tomaudit.result.AuditResult;
import java.io.IOException;
import java.io.OutputStream;

/** The stable JSON result (docs/json-result.md), serialised from the typed model. */
public final class JsonRenderer implements Renderer {
    private static final ObjectMapper MAPPER = JsonMapper.builder(factory())
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

    private static JsonFactory factory() {
        JsonFactory f = new JsonFactory();
        f.setCharacterEscapes(new VisibleEscapes());
        return f;
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * JSON's own escapes, plus {@code \\uXXXX} for what JSON lets through raw but a viewer acts on:
     * DEL, C1 controls, bidirectional overrides and marks, byte-order marks ({@link VisibleText}'s
     * set). The value read back is unchanged; a {@code cat} or {@code less} of the file shows it.
     */
    static final class VisibleEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] ascii = CharacterEscapes.standardAsciiEscapesForJSON();

        VisibleEscapes() {
            ascii[0x7f] = CharacterEscapes.ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return ch <= 0xffff && VisibleText.hidden((char) ch) ? new SerializedString(String.format("\\u%04x", ch)) : null;
        }
    }
}
