package de.tomaudit.target.ssh;

import de.tomaudit.i18n.AuditTexts;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.KeyPair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Loads the private keys to offer into a JSch instance: {@code --identity} files, then the
 * IdentityFiles of the config, else the defaults {@code ~/.ssh/id_ed25519}, {@code id_ecdsa},
 * {@code id_rsa} (as ssh does). An encrypted key is decrypted with the passphrase, if one was
 * given; keys that cannot be used are listed with the reason (never the passphrase), so a failed
 * login can say why.
 */
final class KeyFiles {
    static final List<String> DEFAULT_NAMES = List.of("id_ed25519", "id_ecdsa", "id_rsa");

    private final List<String> loaded = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    List<String> loaded() {
        return List.copyOf(loaded);
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    static List<Path> candidates(SshOptions options, List<ResolvedHost> hops) {
        Set<Path> out = new LinkedHashSet<>(options.identities());
        for (ResolvedHost h : hops) {
            out.addAll(h.identityFiles());
        }
        if (out.isEmpty()) {
            for (String n : DEFAULT_NAMES) {
                Path p = options.home().resolve(".ssh").resolve(n);
                if (Files.exists(p)) {
                    out.add(p);
                }
            }
        }
        return List.copyOf(out);
    }

    void load(JSch jsch, List<Path> files, Optional<KeyPassphrase> passphrase) {
        for (Path f : files) {
            String name = f.toString();
            if (!Files.isReadable(f)) {
                problems.add(AuditTexts.get(Files.exists(f) ? "ssh.key.unreadable" : "ssh.key.missing", name));
                continue;
            }
            KeyPair pair;
            try {
                pair = KeyPair.load(jsch, name);
            } catch (JSchException | RuntimeException e) {
                // the parser's message may quote the file: never pass it on
                problems.add(AuditTexts.get("ssh.key.format", name));
                continue;
            }
            try {
                if (pair.isEncrypted()) {
                    if (passphrase.isEmpty()) {
                        problems.add(AuditTexts.get("ssh.key.encrypted", name, KeyPassphrase.ENV));
                        continue;
                    }
                    byte[] p = passphrase.get().copy();
                    boolean ok = pair.decrypt(p);
                    java.util.Arrays.fill(p, (byte) 0);
                    if (!ok) {
                        problems.add(AuditTexts.get("ssh.key.passphrase", name));
                        continue;
                    }
                }
                byte[] p = passphrase.map(KeyPassphrase::copy).orElse(null);
                jsch.addIdentity(name, p);
                loaded.add(pair.getKeyTypeString() + " " + name);
            } catch (JSchException | RuntimeException e) {
                problems.add(AuditTexts.get("ssh.key.unusable", name, e.getClass().getSimpleName()));
            } finally {
                pair.dispose();
            }
        }
    }
}
