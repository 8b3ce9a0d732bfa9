package de.tomaudit.target.ssh;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.KeyPair;
import com.jcraft.jsch.Session;
import java.nio.charset.StandardCharsets;

/**
 * The SSH client's part of the class-data archive's training run ({@code ArchiveTraining}): what every
 * SSH target loads before its first request, made without a server. JSch and the SSH target's classes,
 * the key exchanges' availability check with Bouncy Castle's ML-KEM, X25519 and X448 (which also leaves
 * its answers unused: the training JVM ends), an Ed25519 key login's signature, and the ChaCha20-Poly1305
 * cipher. Without it, a fleet run loaded about 250 classes from the jar and verified them on the way
 * to its first connection. (The training loads the rest of JSch's classes itself.)
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
        } catch (Exception e) { // JSch, reflection, and Cipher.init, which declares Exception
            // a training run loads what it can; an audit never depends on it
        }
    }
}
