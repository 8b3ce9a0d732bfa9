package de.tomaudit.target.ssh;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.KeyPair;
import com.jcraft.jsch.Session;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The SSH client's part of the class-data archive's training run ({@code ArchiveTraining}): what every
 * SSH target loads before its first request, made without a server. JSch and the SSH target's classes,
 * the key exchanges' availability check with Bouncy Castle's ML-KEM, X25519 and X448 (which also leaves
 * its answers unused: the training JVM ends), an Ed25519 key login's signature, and the ChaCha20-Poly1305
 * cipher. Without it, a fleet run loaded about 250 classes from the jar and verified them on the way
 * to its first connection.
 */
public final class SshClientTraining {
    private SshClientTraining() { }

    public static void run() {
        try {
            SessionCrypto.init();
            JSch jsch = new JSch();
            Session s = jsch.getSession("training", "127.0.0.1", 22);
            SessionCrypto.apply(s);
            KeyPair pair = KeyPair.genKeyPair(jsch, KeyPair.ED25519);
            pair.getSignature("training".getBytes(StandardCharsets.US_ASCII));
            pair.dispose();
            com.jcraft.jsch.Cipher c = Class.forName(JSch.getConfig(SessionCrypto.FIRST_CIPHER))
                    .asSubclass(com.jcraft.jsch.Cipher.class).getDeclaredConstructor().newInstance();
            c.init(com.jcraft.jsch.Cipher.ENCRYPT_MODE, new byte[c.getBlockSize()], new byte[c.getIVSize()]);
            loadAll("com/jcraft/jsch/", "de/tomaudit/target/ssh/");
        } catch (JSchException | ReflectiveOperationException | RuntimeException e) {
            // a training run loads what it can; an audit never depends on it
        } catch (Exception e) {
            // Cipher.init declares Exception
        }
    }

    /** Loads (without initialising) every class under these folders of the jar this class came from. */
    private static void loadAll(String... folders) {
        ClassLoader loader = SshClientTraining.class.getClassLoader();
        java.security.CodeSource jar = JSch.class.getProtectionDomain().getCodeSource();
        if (jar == null) {
            return;
        }
        try (java.util.jar.JarFile f = new java.util.jar.JarFile(new java.io.File(jar.getLocation().toURI()))) {
            for (String name : f.stream().map(java.util.zip.ZipEntry::getName)
                    .filter(n -> n.endsWith(".class") && !n.contains("-"))
                    .filter(n -> java.util.Arrays.stream(folders).anyMatch(n::startsWith)).toList()) {
                try {
                    Class.forName(name.substring(0, name.length() - ".class".length()).replace('/', '.'), false, loader);
                } catch (ClassNotFoundException | LinkageError e) {
                    // optional parts (JNA agents, Kerberos): not needed
                }
            }
        } catch (IOException | java.net.URISyntaxException | IllegalArgumentException e) {
            // not run from a jar: nothing to archive
        }
    }
}
