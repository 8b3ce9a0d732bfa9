package de.tomaudit.report;

import de.tomaudit.i18n.AuditTexts;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import de.tomaudit.agentfile.AgentFileException;
import de.tomaudit.agentfile.AgentFiles;
import de.tomaudit.result.AuditResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A JSON result written by an earlier {@code audit --format json}, read back for
 * {@code tomaudit report --from} through the agent's one reader of its own files
 * ({@link AgentFiles}: only a regular file, never a device, FIFO or directory), at most
 * {@link #MAX_BYTES}; fields a newer version added are ignored. Every problem is a
 * {@link StoredResultException} with one line naming the file and what is wrong.
 */
public final class StoredResult {
    /** Largest result file read (a 50-target fleet with full evidence is a few MB). */
    public static final long MAX_BYTES = 256L * 1024 * 1024;
    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    // a nesting bomb in a hostile file ends as a clear error, not a stack overflow
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build()).build())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // the JSON leaves empty lists out (references, affects): absent or null is an empty list
            .withConfigOverride(List.class, o -> o.setSetterInfo(JsonSetter.Value.forValueNulls(Nulls.AS_EMPTY)))
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private StoredResult() { }

    public static AuditResult read(Path file) {
        return read(file, MAX_BYTES);
    }

    static AuditResult read(Path file, long maxBytes) {
        byte[] bytes;
        try {
            bytes = AgentFiles.readBytes(file, AuditTexts.get("input.what.result"), maxBytes);
        } catch (AgentFileException e) {
            throw new StoredResultException(e.getMessage());
        }
        return parse(file, bytes);
    }

    private static AuditResult parse(Path file, byte[] bytes) {
        AuditResult r;
        try {
            r = MAPPER.readValue(bytes, AuditResult.class);
        } catch (ValueInstantiationException e) {
            // Jackson's messages quote the values and unknown field names of the file: only the kind is named (issue 13)
            throw new StoredResultException(file + ": " + AuditTexts.get("input.result.not-result", at(e.getLocation()), AuditTexts.get("input.result.required")));
        } catch (InvalidFormatException e) {
            throw new StoredResultException(file + ": " + AuditTexts.get("input.result.not-result", at(e.getLocation()), AuditTexts.get("input.result.value")));
        } catch (com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException e) {
            throw new StoredResultException(file + ": " + AuditTexts.get("input.result.not-result", at(e.getLocation()), AuditTexts.get("input.result.field")));
        } catch (MismatchedInputException e) {
            throw new StoredResultException(file + ": " + AuditTexts.get("input.result.not-result", at(e.getLocation()), AuditTexts.get("input.result.type")));
        } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
            throw new StoredResultException(file + ": " + AuditTexts.get("input.result.json", at(e.getLocation())) + ": " + AuditTexts.get("input.result.limits"));
        } catch (JsonProcessingException e) {
            throw new StoredResultException(file + ": " + AuditTexts.get("input.result.json", at(e.getLocation())));
        } catch (IOException e) {
            throw new StoredResultException(file + ": " + AuditTexts.get("input.file.unreadable", String.valueOf(e.getMessage())));
        }
        if (r == null || r.targets() == null) {
            throw new StoredResultException(file + ": " + AuditTexts.get("input.result.no-targets"));
        }
        return r;
    }

    /**
     * One target's JSON object as {@code audit --format json} writes it, read back (the run history
     * stores each target so); a malformed one is a {@link StoredResultException} naming {@code where}.
     */
    public static de.tomaudit.result.TargetResult target(String where, String json) {
        try {
            return MAPPER.readValue(json, de.tomaudit.result.TargetResult.class);
        } catch (IOException e) {
            throw new StoredResultException(where + ": " + AuditTexts.get("input.result.not-target", e instanceof JsonProcessingException j
                    ? AuditTexts.get("input.result.json", at(j.getLocation())) : AuditTexts.get("input.result.unreadable")));
        }
    }

    private static String at(JsonLocation l) {
        return l == null || l.getLineNr() < 1 ? "" : AuditTexts.get("input.result.at", String.valueOf(l.getLineNr()), String.valueOf(l.getColumnNr()));
    }

    /** A result file that cannot be rendered: the message is one line naming the file. */
    public static final class StoredResultException extends RuntimeException {
        public StoredResultException(String message) {
            super(message);
        }
    }
}
