package de.tomaudit.target.bundle;

import de.tomaudit.i18n.AuditTexts;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * The regular-file entries of a bundle's tar.gz, read into memory. Nothing is ever extracted to
 * disk, and every hostile shape is refused with a {@link BundleException}: input that is not
 * gzip, entry names that are absolute or climb out with {@code ..}, links and device entries,
 * duplicates, entries outside the layout, too many entries or too many bytes in all. A file
 * entry over its size cap is kept as "oversize" (no data, no checksum): reading it later is a
 * too-large error, as for a huge file on a live target. Command output over its cap is kept up
 * to the cap, as a live target truncates it.
 */
final class BundleArchive {
    static final int MAX_ENTRIES = 50_000;
    static final long MAX_TOTAL_BYTES = 1024L * 1024 * 1024;
    static final int MAX_META_BYTES = 16 * 1024 * 1024;

    /** One regular file of the archive; {@code data} and {@code sha256} are empty when oversize. */
    record Entry(String name, long size, Optional<byte[]> data, Optional<String> sha256) {
        boolean oversize() {
            return data.isEmpty();
        }
    }

    private final Map<String, Entry> entries;

    private BundleArchive(Map<String, Entry> entries) {
        this.entries = entries;
    }

    Optional<Entry> entry(String name) {
        return Optional.ofNullable(entries.get(name));
    }

    Map<String, Entry> entries() {
        return entries;
    }

    /** Reads the archive; {@code maxFileBytes} and {@code maxOutputBytes} cap file and command entries. */
    static BundleArchive read(Path file, long maxFileBytes, long maxOutputBytes) throws BundleException {
        return read(file, maxFileBytes, maxOutputBytes, MAX_TOTAL_BYTES);
    }

    /** As {@link #read(Path, long, long)} with a cap on the bytes of all entries together. */
    static BundleArchive read(Path file, long maxFileBytes, long maxOutputBytes, long maxTotalBytes) throws BundleException {
        try (InputStream raw = Files.newInputStream(file);
             BufferedInputStream in = new BufferedInputStream(raw)) {
            in.mark(2);
            int b1 = in.read();
            int b2 = in.read();
            in.reset();
            if (b1 != 0x1f || b2 != 0x8b) {
                throw new BundleException(AuditTexts.get("bundle.not-gzip", String.valueOf(file)));
            }
            try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in, true))) {
                return new BundleArchive(readEntries(tar, maxFileBytes, maxOutputBytes, maxTotalBytes));
            }
        } catch (NoSuchFileException e) {
            throw new BundleException(file + " " + AuditTexts.get("input.file.missing"));
        } catch (IOException | RuntimeException e) {
            throw new BundleException(AuditTexts.get("bundle.not-tar", String.valueOf(file), e.getMessage() == null ? e.toString() : e.getMessage()));
        }
    }

    private static Map<String, Entry> readEntries(TarArchiveInputStream tar, long maxFileBytes, long maxOutputBytes,
                                                  long maxTotalBytes) throws IOException, BundleException {
        Map<String, Entry> out = new LinkedHashMap<>();
        long total = 0;
        int count = 0;
        TarArchiveEntry e;
        while ((e = tar.getNextEntry()) != null) {
            if (++count > MAX_ENTRIES) {
                throw new BundleException(AuditTexts.get("bundle.too-many", String.valueOf(MAX_ENTRIES)));
            }
            String name = name(e.getName());
            if (!e.isDirectory() && !regular(e)) {
                throw new BundleException(AuditTexts.get("bundle.entry-kind", e.getName(), kind(e)));
            }
            if (e.isDirectory()) {
                if (!name.isEmpty() && !name.equals(BundleLayout.FILES) && !name.equals(BundleLayout.COMMANDS)
                        && !name.startsWith(BundleLayout.FILES + "/") && !name.startsWith(BundleLayout.COMMANDS + "/")) {
                    throw new BundleException(AuditTexts.get("bundle.directory", e.getName()));
                }
                continue;
            }
            long cap = cap(name, maxFileBytes, maxOutputBytes);
            long size = e.getSize();
            if (size < 0) {
                throw new BundleException(AuditTexts.get("bundle.negative", e.getName()));
            }
            total += size;
            if (total > maxTotalBytes) {
                throw new BundleException(AuditTexts.get("bundle.total", String.valueOf(maxTotalBytes)));
            }
            Entry entry;
            if (size > cap && (name.equals(BundleLayout.MANIFEST) || name.equals(BundleLayout.INDEX))) {
                throw new BundleException(AuditTexts.get("bundle.entry-size", name, String.valueOf(size), String.valueOf(cap)));
            } else if (size > cap && name.startsWith(BundleLayout.COMMANDS + "/")) {
                entry = readCapped(tar, name, size, (int) cap);
            } else if (size > cap) {
                entry = new Entry(name, size, Optional.empty(), Optional.empty());
            } else {
                byte[] data = readAll(tar, size);
                entry = new Entry(name, size, Optional.of(data), Optional.of(sha256(data)));
            }
            if (out.put(name, entry) != null) {
                throw new BundleException(AuditTexts.get("bundle.twice", name));
            }
        }
        return out;
    }

    /** The entry name without a leading {@code ./}; refuses absolute names, {@code ..} and names outside the layout. */
    static String name(String raw) throws BundleException {
        String n = raw;
        while (n.startsWith("./")) {
            n = n.substring(2);
        }
        if (n.equals(".")) {
            return "";
        }
        if (n.endsWith("/")) {
            n = n.substring(0, n.length() - 1);
        }
        if (raw.startsWith("/") || raw.indexOf('\0') >= 0 || raw.indexOf('\\') >= 0) {
            throw new BundleException(AuditTexts.get("bundle.absolute", printable(raw)));
        }
        for (String part : n.split("/", -1)) {
            if (part.equals("..") || part.equals(".") || part.isEmpty()) {
                throw new BundleException(AuditTexts.get("bundle.leaves", printable(raw)));
            }
        }
        boolean known = n.equals(BundleLayout.MANIFEST) || n.equals(BundleLayout.INDEX) || n.equals(BundleLayout.FILES)
                || n.equals(BundleLayout.COMMANDS) || n.startsWith(BundleLayout.FILES + "/")
                || n.startsWith(BundleLayout.COMMANDS + "/");
        if (!known) {
            throw new BundleException(AuditTexts.get("bundle.unexpected", printable(raw)));
        }
        return n;
    }

    /** A plain file entry (isFile() alone is also true for links and devices). */
    private static boolean regular(TarArchiveEntry e) {
        byte flag = e.getLinkFlag();
        return flag == TarConstants.LF_NORMAL || flag == TarConstants.LF_OLDNORM || flag == TarConstants.LF_CONTIG;
    }

    private static long cap(String name, long maxFileBytes, long maxOutputBytes) {
        if (name.startsWith(BundleLayout.FILES + "/")) {
            return maxFileBytes;
        }
        if (name.startsWith(BundleLayout.COMMANDS + "/")) {
            return maxOutputBytes;
        }
        return MAX_META_BYTES;
    }

    private static byte[] readAll(InputStream in, long size) throws IOException, BundleException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream((int) Math.min(size, 1 << 20));
        byte[] chunk = new byte[65536];
        int n;
        while ((n = in.read(chunk)) >= 0) {
            buf.write(chunk, 0, n);
        }
        if (buf.size() != size) {
            throw new BundleException(AuditTexts.get("bundle.truncated-any", String.valueOf(buf.size()), String.valueOf(size)));
        }
        return buf.toByteArray();
    }

    /** Command output over the cap: kept up to the cap, as a live target truncates it; the checksum covers all of it. */
    private static Entry readCapped(InputStream in, String name, long size, int cap) throws IOException, BundleException {
        MessageDigest digest = digest();
        ByteArrayOutputStream kept = new ByteArrayOutputStream(cap);
        byte[] chunk = new byte[65536];
        long seen = 0;
        int n;
        while ((n = in.read(chunk)) >= 0) {
            digest.update(chunk, 0, n);
            if (kept.size() < cap) {
                kept.write(chunk, 0, (int) Math.min(n, cap - kept.size()));
            }
            seen += n;
        }
        if (seen != size) {
            throw new BundleException(AuditTexts.get("bundle.truncated", name, String.valueOf(seen), String.valueOf(size)));
        }
        return new Entry(name, size, Optional.of(kept.toByteArray()), Optional.of(HexFormat.of().formatHex(digest.digest())));
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    static String sha256(byte[] data) {
        return HexFormat.of().formatHex(digest().digest(data));
    }

    private static String kind(TarArchiveEntry e) {
        if (e.isSymbolicLink()) {
            return AuditTexts.get("bundle.kind.symlink", printable(e.getLinkName()));
        }
        if (e.isLink()) {
            return AuditTexts.get("bundle.kind.hardlink", printable(e.getLinkName()));
        }
        if (e.isCharacterDevice() || e.isBlockDevice()) {
            return AuditTexts.get("bundle.kind.device");
        }
        if (e.isFIFO()) {
            return AuditTexts.get("bundle.kind.fifo");
        }
        return AuditTexts.get("bundle.kind.other", String.valueOf((char) e.getLinkFlag()));
    }

    /** At most 200 characters, control characters shown as '?', for messages about hostile names. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 200; i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return b.toString();
    }
}
