package de.tomaudit.target.ssh;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.agentfile.AgentFileException;
import de.tomaudit.agentfile.AgentFiles;
import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.UserInfo;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Strict host-key checking against one known_hosts file (plain and hashed entries, {@code [host]:port},
 * markers, as JSch's parser reads them). JSch asks this repository and refuses the connection
 * unless the answer is OK; the verdict is kept so the refusal can name the key's fingerprint and
 * the way out. An unknown key is added only when {@code --accept-new-host-key} is given; a
 * changed key is refused always. JSch itself never writes the file.
 */
final class HostKeyVerifier implements HostKeyRepository {
    private static final Logger LOG = LoggerFactory.getLogger(HostKeyVerifier.class);

    enum Outcome { KNOWN, ADDED, UNKNOWN, CHANGED, NOT_SAVED }

    record Verdict(Outcome outcome, PresentedHostKey key, String detail) { }

    private final HostKeyRepository known;
    private final Path file;
    private final boolean acceptNew;
    private volatile Verdict verdict;

    private HostKeyVerifier(HostKeyRepository known, Path file, boolean acceptNew) {
        this.known = known;
        this.file = file;
        this.acceptNew = acceptNew;
    }

    /** A known_hosts file as JSch read it, with the size and time it had then. */
    private record Loaded(long size, java.nio.file.attribute.FileTime modified, HostKeyRepository repository) { }

    /**
     * The files read so far. A fleet connects to every target with the same known_hosts: it is
     * parsed once, and again only when it changed (an added key changes its size and time).
     */
    private static final java.util.concurrent.ConcurrentMap<Path, Loaded> READ = new java.util.concurrent.ConcurrentHashMap<>();

    static HostKeyVerifier load(Path file, boolean acceptNew) throws SshConnectException {
        return new HostKeyVerifier(repository(file), file, acceptNew);
    }

    private static HostKeyRepository repository(Path file) throws SshConnectException {
        JSch reader = new JSch();
        try {
            if (!Files.exists(file)) {
                reader.setKnownHosts(new ByteArrayInputStream(new byte[0]));
                return reader.getHostKeyRepository();
            }
            java.nio.file.attribute.BasicFileAttributes a = Files.readAttributes(file,
                    java.nio.file.attribute.BasicFileAttributes.class);
            Loaded before = READ.get(file);
            if (before != null && before.size() == a.size() && before.modified().equals(a.lastModifiedTime())) {
                return before.repository();
            }
            reader.setKnownHosts(new ByteArrayInputStream(AgentFiles.readBytes(file, "known_hosts", 64L * 1024 * 1024)));
            HostKeyRepository repository = reader.getHostKeyRepository();
            READ.put(file, new Loaded(a.size(), a.lastModifiedTime(), repository));
            return repository;
        } catch (AgentFileException e) {
            throw new SshConnectException("ssh", e.getMessage());
        } catch (JSchException e) {
            throw new SshConnectException("ssh", "cannot read known_hosts " + file + ": " + de.tomaudit.facts.Crash.describe(e));
        } catch (IOException e) {
            throw new SshConnectException("ssh", "cannot read known_hosts " + file + ": " + de.tomaudit.facts.Crash.describe(e));
        }
    }

    /** The parsed known_hosts this verifier asks (shared by every verifier of an unchanged file). */
    HostKeyRepository known() {
        return known;
    }

    /** What the last check found, if one was made. */
    Optional<Verdict> verdict() {
        return Optional.ofNullable(verdict);
    }

    Path file() {
        return file;
    }

    @Override
    public int check(String host, byte[] key) {
        PresentedHostKey presented = new PresentedHostKey(host, key.clone());
        int r;
        synchronized (known) {
            r = known.check(host, key);
        }
        if (r == OK) {
            verdict = new Verdict(Outcome.KNOWN, presented, "");
            return OK;
        }
        if (r == CHANGED) {
            verdict = new Verdict(Outcome.CHANGED, presented, "");
            return CHANGED;
        }
        if (!acceptNew) {
            verdict = new Verdict(Outcome.UNKNOWN, presented, "");
            return NOT_INCLUDED;
        }
        try {
            KnownHostsFile.append(file, presented);
        } catch (IOException | RuntimeException e) {
            verdict = new Verdict(Outcome.NOT_SAVED, presented, String.valueOf(e.getMessage()));
            return NOT_INCLUDED;
        }
        LOG.warn("{}", AuditTexts.get("ssh.host-key.added", presented.type(), presented.fingerprint(), String.valueOf(host),
                String.valueOf(file)));
        verdict = new Verdict(Outcome.ADDED, presented, "");
        return OK;
    }

    @Override
    public void add(HostKey hostkey, UserInfo ui) {
        // keys are added only by check() above, and only with --accept-new-host-key
    }

    @Override
    public void remove(String host, String type) {
        // never: a changed key must be removed by the operator, after checking it
    }

    @Override
    public void remove(String host, String type, byte[] key) {
        // never
    }

    @Override
    public String getKnownHostsRepositoryID() {
        return file.toString();
    }

    @Override
    public HostKey[] getHostKey() {
        synchronized (known) {
            return known.getHostKey();
        }
    }

    @Override
    public HostKey[] getHostKey(String host, String type) {
        synchronized (known) {
            return known.getHostKey(host, type);
        }
    }
}
