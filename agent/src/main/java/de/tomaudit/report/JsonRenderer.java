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
import java.util.List;

/** The stable JSON result (docs/json-result.md), serialised from the typed model. */
public final class JsonRenderer implements Renderer {
    /**
     * The mapper, made on first use (the warm-up thread, usually) rather than when the renderer is chosen on
     * the main thread at start: building it takes about 10 ms of a short run's start.
     */
    private static final class Holder {
        static final ObjectMapper MAPPER = JsonMapper.builder(factory())
                .enable(SerializationFeature.INDENT_OUTPUT)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .build();
    }

    @Override public String format() { return "json"; }
    @Override public String extension() { return "json"; }

    @Override
    public void render(AuditResult result, RenderOptions options, OutputStream out) throws IOException {
        Holder.MAPPER.writeValue(out, result);
        out.write('\n');
        out.flush();
    }

    private static JsonFactory factory() {
        JsonFactory f = new JsonFactory();
        f.setCharacterEscapes(new VisibleEscapes());
        return f;
    }

    public static ObjectMapper mapper() {
        return Holder.MAPPER;
    }

    /**
     * Writes a small result of every part of the model to nowhere, so the serializers exist before the
     * real result is written: run on a thread of its own at the start of an audit that will write JSON
     * (the JSON report, or the history), it takes Jackson's introspection of the records off the end
     * of the run. Does nothing visible; a failure is ignored (the real write reports its own).
     */
    public static void warmUp() {
        try {
            de.tomaudit.result.Finding f = new de.tomaudit.result.Finding("host.warm-up", de.tomaudit.result.Status.FAIL,
                    "low", "t", "r", "", List.of(de.tomaudit.facts.Evidence.at("/etc/x", 1, "y")),
                    new de.tomaudit.result.Finding.Tom(List.of("art32-1b"), List.of(), List.of()), List.of("ref"), "why");
            de.tomaudit.result.TargetResult t = new de.tomaudit.result.TargetResult("t", "dir:/", List.of("host"),
                    de.tomaudit.result.TargetStatus.PARTIAL, List.of(new de.tomaudit.result.TargetError("ssh", "e")),
                    List.of(f), List.of(new de.tomaudit.result.RetentionEntry("s", "P1D", "x", true, null)),
                    List.of(new de.tomaudit.result.ProcessorEntry("smtp", "h", "x", "EU", "none")));
            AuditResult r = AuditResult.of("0", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z", List.of(t));
            Holder.MAPPER.writeValue(OutputStream.nullOutputStream(), r);
            Holder.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValue(OutputStream.nullOutputStream(), t);
        } catch (IOException | RuntimeException e) {
            // the real write says what is wrong
        }
    }

    /** {@link #warmUp} on a daemon thread, started now. */
    public static void warmUpInBackground() {
        de.tomaudit.background.Background.start("tomaudit-json-warm-up", () -> {
            warmUp();
            return null;
        });
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
