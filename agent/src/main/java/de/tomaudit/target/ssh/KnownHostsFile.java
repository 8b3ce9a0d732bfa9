package de.tomaudit.target.ssh;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Adds a host key to a known_hosts file the way {@code ssh} does with {@code HashKnownHosts yes}
 * (Debian's default): {@code |1|salt|HMAC-SHA1(salt, name) algorithm key}. Appends only (at the end, under a
 * file lock), so existing entries and comments are never rewritten and parallel targets do not
 * interleave lines. Creates {@code ~/.ssh} (0700) and the file (0600) when missing.
 */
final class KnownHostsFile {
    private static final Object LOCK = new Object();
    private static final SecureRandom RANDOM = new SecureRandom();

    private KnownHostsFile() { }

    static void append(Path file, PresentedHostKey key) throws IOException {
        String line = hashedName(key.host()) + " " + key.publicKeyText() + "\n";
        synchronized (LOCK) {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null && !Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                 FileLock lock = ch.lock()) {
                long size = ch.size();
                String text = line;
                if (size > 0) {
                    ByteBuffer last = ByteBuffer.allocate(1);
                    ch.read(last, size - 1);
                    if (last.get(0) != '\n') {
                        text = "\n" + line;
                    }
                }
                ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
                long at = size;
                while (b.hasRemaining()) {
                    at += ch.write(b, at);
                }
                ch.force(false);
            }
        }
    }

    static String hashedName(String name) {
        byte[] salt = new byte[20];
        RANDOM.nextBytes(salt);
        return hashedName(name, salt);
    }

    static String hashedName(String name, byte[] salt) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(salt, "HmacSHA1"));
            byte[] h = mac.doFinal(name.getBytes(StandardCharsets.UTF_8));
            Base64.Encoder b64 = Base64.getEncoder();
            return "|1|" + b64.encodeToString(salt) + "|" + b64.encodeToString(h);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is required by every JRE", e);
        }
    }
}
