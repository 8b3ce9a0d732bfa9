package de.tomaudit.target.bundle;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Writes bundles for tests: a correct manifest by default, and hooks to break them on purpose. */
final class TestBundle {
    private final List<String> index = new ArrayList<>();
    private final Map<String, byte[]> entries = new LinkedHashMap<>();
    private final List<Consumer<TarArchiveOutputStream>> raw = new ArrayList<>();
    private final Map<String, String> manifestOverrides = new LinkedHashMap<>();
    private String host = "web1";
    private boolean commands = true;

    TestBundle host(String h) {
        host = h;
        return this;
    }

    TestBundle noCommands() {
        commands = false;
        return this;
    }

    TestBundle record(String... fields) {
        index.add(String.join("\t", fields));
        return this;
    }

    /** A regular file with its stat record (mode 0644 root:root). */
    TestBundle file(String path, String content) {
        return file(path, content.getBytes(StandardCharsets.UTF_8), "644");
    }

    TestBundle file(String path, byte[] content, String mode) {
        record("stat", path, "f", mode, "root", "root", String.valueOf(content.length), "1700000000");
        entries.put(BundleLayout.fileEntry(path), content);
        return this;
    }

    TestBundle dir(String path, String... children) {
        record("stat", path, "d", "755", "root", "root", "4096", "1700000000");
        record("list", path);
        for (String c : children) {
            String[] typeName = c.split(":", 2);
            record("entry", path, typeName[0], typeName[1]);
        }
        return this;
    }

    TestBundle run(String id, String line, int exit, String out, String err) {
        record("run", id, "ok", String.valueOf(exit), line);
        entries.put(BundleLayout.stdoutEntry(id), out.getBytes(StandardCharsets.UTF_8));
        entries.put(BundleLayout.stderrEntry(id), err.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    TestBundle entry(String name, byte[] data) {
        entries.put(name, data);
        return this;
    }

    /** Writes an extra tar entry after the manifest was made (not listed in it). */
    TestBundle rawEntry(Consumer<TarArchiveOutputStream> writer) {
        raw.add(writer);
        return this;
    }

    /** Replaces the checksum the manifest lists for an entry. */
    TestBundle manifestSays(String entry, String sha256) {
        manifestOverrides.put(entry, sha256);
        return this;
    }

    String manifest() {
        StringBuilder m = new StringBuilder(BundleLayout.FORMAT + "\n");
        m.append("host\t").append(host).append('\n');
        m.append("time\t2025-05-01T10:00:00Z\n");
        m.append("tool\ttomaudit collect.sh (plan sha256:test)\n");
        m.append("user\troot\n");
        m.append("commands\t").append(commands ? "yes" : "no").append('\n');
        for (Map.Entry<String, byte[]> e : all().entrySet()) {
            String sum = manifestOverrides.getOrDefault(e.getKey(), BundleArchive.sha256(e.getValue()));
            m.append("sha256\t").append(sum).append('\t').append(e.getKey()).append('\n');
        }
        return m.toString();
    }

    private Map<String, byte[]> all() {
        Map<String, byte[]> all = new LinkedHashMap<>();
        all.put(BundleLayout.INDEX, (String.join("\n", index) + "\n").getBytes(StandardCharsets.UTF_8));
        all.putAll(entries);
        return all;
    }

    Path write(Path file) throws IOException {
        return write(file, manifest());
    }

    Path write(Path file, String manifest) throws IOException {
        try (OutputStream os = Files.newOutputStream(file);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(os))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            put(tar, BundleLayout.MANIFEST, manifest.getBytes(StandardCharsets.UTF_8));
            for (Map.Entry<String, byte[]> e : all().entrySet()) {
                put(tar, e.getKey(), e.getValue());
            }
            raw.forEach(r -> r.accept(tar));
        }
        return file;
    }

    static void put(TarArchiveOutputStream tar, String name, byte[] data) {
        try {
            TarArchiveEntry e = new TarArchiveEntry(name);
            e.setSize(data.length);
            tar.putArchiveEntry(e);
            tar.write(data);
            tar.closeArchiveEntry();
        } catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }
}
