package de.tomaudit.parse.apt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorOutputStream;
import org.junit.jupiter.api.Test;

class PackageIndexTest {
    private static final String INDEX = """
            Package: openssl
            Source: openssl (3.0.15-1~deb12u1)
            Version: 3.0.15-1~deb12u1
            Architecture: amd64
            Description: Secure Sockets Layer toolkit
             This package contains the openssl binary.
             .
             Version: 9.9 (a continuation line, not a field)

            Package: tzdata
            Version: 2024a-0+deb12u1
            Architecture: all
            """;

    @Test
    void scansOnlyPackageVersionAndArchitectureWithTheirLines() {
        List<PackageIndexScanner.Offer> offers = PackageIndexScanner.scan(INDEX);
        assertEquals(List.of(new PackageIndexScanner.Offer("openssl", "3.0.15-1~deb12u1", "amd64", 3),
                new PackageIndexScanner.Offer("tzdata", "2024a-0+deb12u1", "all", 11)), offers);
    }

    @Test
    void readsPlainGzipAndLz4Indexes() throws IOException {
        byte[] plain = INDEX.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(plain);
        }
        ByteArrayOutputStream lz4 = new ByteArrayOutputStream();
        try (FramedLZ4CompressorOutputStream out = new FramedLZ4CompressorOutputStream(lz4)) {
            out.write(plain);
        }
        assertEquals(INDEX, PackageIndexText.decode("x_Packages", plain));
        assertEquals(INDEX, PackageIndexText.decode("x_Packages.gz", gz.toByteArray()));
        assertEquals(INDEX, PackageIndexText.decode("x_Packages.lz4", lz4.toByteArray()));
        assertTrue(PackageIndexText.readable("x_Packages.lz4"));
        assertFalse(PackageIndexText.readable("x_Packages.xz"));
    }

    @Test
    void aDecompressionBombAndGarbageAreRefused() throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < 70; i++) {
                out.write(zeros);
            }
        }
        assertTrue(gz.size() < 1024 * 1024, "the bomb is small on disk: " + gz.size());
        IOException bomb = assertThrows(IOException.class, () -> PackageIndexText.decode("x_Packages.gz", gz.toByteArray()));
        assertTrue(bomb.getMessage().contains("more than"), bomb.getMessage());
        assertThrows(IOException.class, () -> PackageIndexText.decode("x_Packages.lz4", "garbage".getBytes(StandardCharsets.UTF_8)));
    }
}
