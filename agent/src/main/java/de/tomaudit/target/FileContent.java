package de.tomaudit.target;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The bytes of one file read from a target, decoded on demand. */
public record FileContent(String path, byte[] bytes) {

    /** UTF-8, or ISO-8859-1 where the file is not valid UTF-8 (old configs are). */
    public String text() {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    public List<String> lines() {
        return text().lines().toList();
    }

    /** A NUL byte in the first 8 KiB: not a text file. */
    public boolean looksBinary() {
        int n = Math.min(bytes.length, 8192);
        for (int i = 0; i < n; i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }
}
