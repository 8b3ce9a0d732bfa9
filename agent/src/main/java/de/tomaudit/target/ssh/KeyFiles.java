package de.tomaudit.target.ssh;

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
                problems.add("key " + name + (Files.exists(f) ? " is not readable" : " does not exist"));
                continue;
            }
            KeyPair pair;
            try {
                pair = KeyPair.load(jsch, name);
            } catch (JSchException | RuntimeException e) {
                // the parser's message may quote the file: never pass it on
                problems.add("key " + name + " is not a private key in a format tomaudit can read");
                continue;
            }
            try {
                if (pair.isEncrypted()) {
                    if (passphrase.isEmpty()) {
                        problems.add("key " + name + " is encrypted and no passphrase was given (load it into ssh-agent, or set "
                                + KeyPassphrase.ENV + ")");
                        continue;
                    }
                    byte[] p = passphrase.get().copy();
                    boolean ok = pair.decrypt(p);
                    java.util.Arrays.fill(p, (byte) 0);
                    if (!ok) {
                        problems.add("key " + name + ": the passphrase given does not decrypt it");
                        continue;
                    }
                }
                byte[] p = passphrase.map(KeyPassphrase::copy).orElse(null);
                jsch.addIdentity(name, p);
                loaded.add(pair.getKeyTypeString() + " " + name);
            } catch (JSchException | RuntimeException e) {
                problems.add("key " + name + " cannot be used (" + e.getClass().getSimpleName() + ")");
            } finally {
                pair.dispose();
            }
        }
    }
}
