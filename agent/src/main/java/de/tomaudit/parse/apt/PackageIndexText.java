package de.tomaudit.parse.apt;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorInputStream;

/**
 * The text of an apt package index as stored in /var/lib/apt/lists: plain, or compressed when
 * apt keeps indexes compressed ({@code Acquire::GzipIndexes}, lz4 on some images). Decompressed
 * size is bounded so a hostile file cannot exhaust memory.
 */
public final class PackageIndexText {
    /** The security suite's index of one architecture is a few MiB; anything far beyond is refused. */
    public static final int MAX_TEXT_BYTES = 64 * 1024 * 1024;

    private PackageIndexText() { }

    /** Whether this file name is an index this class can read. */
    public static boolean readable(String path) {
        return path.endsWith("_Packages") || path.endsWith("_Packages.gz") || path.endsWith("_Packages.lz4");
    }

    /** The index text, or empty with the reason in the exception when it cannot be decompressed. */
    public static String decode(String path, byte[] bytes) throws IOException {
        if (path.endsWith("_Packages")) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        try (InputStream in = open(path, new ByteArrayInputStream(bytes))) {
            byte[] text = in.readNBytes(MAX_TEXT_BYTES + 1);
            if (text.length > MAX_TEXT_BYTES) {
                throw new IOException(path + " decompresses to more than " + MAX_TEXT_BYTES + " bytes");
            }
            return new String(text, StandardCharsets.UTF_8);
        }
    }

    private static InputStream open(String path, InputStream raw) throws IOException {
        Optional<InputStream> in = path.endsWith(".gz") ? Optional.of(new GZIPInputStream(raw))
                : path.endsWith(".lz4") ? Optional.of(new FramedLZ4CompressorInputStream(raw))
                : Optional.empty();
        return in.orElseThrow(() -> new IOException(path + ": unsupported compression"));
    }
}
