package de.tomaudit.agentfile;

import de.tomaudit.i18n.AuditTexts;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The one reader for files the agent itself reads (rules, waivers, policy claims, inventories,
 * known_hosts, the SSH client config, result JSON for {@code report --from}): a regular file only
 * (a device such as /dev/zero, a FIFO or a directory is refused before it is opened, so nothing
 * blocks or fills the memory), at most a size cap, read through a bounded stream (a file that grows
 * while it is read is cut), UTF-8 text without NUL bytes. Every refusal is an
 * {@link AgentFileException} whose message is one line: {@code <what> <path>: <reason>}, which the
 * CLI prints and exits 2 with. Files on a target are read through {@code Target}, never here.
 */
public final class AgentFiles {
    /** The cap when none is given: far above any real rule, waiver, claims or inventory file. */
    public static final long DEFAULT_MAX_BYTES = 8L * 1024 * 1024;

    private AgentFiles() { }

    /** UTF-8 text of a regular file of at most {@link #DEFAULT_MAX_BYTES}. */
    public static String read(Path path, String what) throws AgentFileException {
        return read(path, what, DEFAULT_MAX_BYTES);
    }

    /** UTF-8 text of a regular file of at most {@code maxBytes}; {@code what} names it in errors ("waivers file"). */
    public static String read(Path path, String what, long maxBytes) throws AgentFileException {
        byte[] bytes = readBytes(path, what, maxBytes);
        for (byte b : bytes) {
            if (b == 0) {
                throw new AgentFileException(what, path.toString(), AuditTexts.get("input.file.binary"));
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new AgentFileException(what, path.toString(), AuditTexts.get("input.file.not-utf8"));
        }
    }

    /** The bytes of a regular file of at most {@code maxBytes}. */
    public static byte[] readBytes(Path path, String what, long maxBytes) throws AgentFileException {
        String name = path.toString();
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new AgentFileException(what, name, AuditTexts.get("input.file.missing"));
        } catch (AccessDeniedException e) {
            throw new AgentFileException(what, name, AuditTexts.get("input.file.denied"));
        } catch (IOException e) {
            throw new AgentFileException(what, name, AuditTexts.get("input.file.unreadable", e.getClass().getSimpleName()));
        }
        if (attrs.isDirectory()) {
            throw new AgentFileException(what, name, AuditTexts.get("input.file.directory"));
        }
        if (!attrs.isRegularFile()) {
            throw new AgentFileException(what, name, AuditTexts.get("input.file.not-regular"));
        }
        if (attrs.size() > maxBytes) {
            throw new AgentFileException(what, name, AuditTexts.get("input.file.too-large", String.valueOf(maxBytes)));
        }
        try (InputStream in = Files.newInputStream(path)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw new AgentFileException(what, name, AuditTexts.get("input.file.too-large", String.valueOf(maxBytes)));
            }
            return bytes;
        } catch (AccessDeniedException e) {
            throw new AgentFileException(what, name, AuditTexts.get("input.file.denied"));
        } catch (IOException e) {
            throw new AgentFileException(what, name, AuditTexts.get("input.file.unreadable", e.getClass().getSimpleName()));
        }
    }
}
