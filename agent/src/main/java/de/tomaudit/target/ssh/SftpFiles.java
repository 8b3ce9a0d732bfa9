package de.tomaudit.target.ssh;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SftpATTRS;
import com.jcraft.jsch.SftpException;
import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.target.DirEntry;
import de.tomaudit.target.FileContent;
import de.tomaudit.target.FileStat;
import de.tomaudit.target.Limits;
import de.tomaudit.target.TargetException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Reads, stats and lists files over one SFTP channel of the target's session (opened on first
 * use, reopened after a timeout). Paths are passed as data, never through a shell; JSch's own
 * wildcard handling is disabled by escaping. Each request is bounded by the command timeout.
 * Symlinks are followed by stat and read, as on the local target; listings report links as links.
 */
final class SftpFiles {
    private static final int MAX_HOPS = 40;
    private final Session session;
    private final Limits limits;
    private final String where;
    private final ChannelGate gate;
    private ChannelSftp channel;
    private OwnerNames names;
    /** Set once the server refused the SFTP subsystem: then every request fails at once, without asking again. */
    private volatile String missing;

    @FunctionalInterface
    private interface Op<T> {
        T apply(ChannelSftp ch) throws SftpException, IOException, TargetException;
    }

    SftpFiles(Session session, Limits limits, String where, ChannelGate gate) {
        this.session = session;
        this.limits = limits;
        this.where = where;
        this.gate = gate;
    }

    synchronized FileContent read(String path, Duration timeout) throws TargetException {
        SftpATTRS a = attrs(path, timeout);
        if (a.isDir()) {
            throw new TargetException(TargetException.Reason.IO, path, AuditTexts.get("target.file.directory", path));
        }
        if (!a.isReg()) {
            throw new TargetException(TargetException.Reason.IO, path, AuditTexts.get("target.file.not-regular", path));
        }
        if (a.getSize() > limits.maxFileBytes()) {
            throw tooLarge(path, a.getSize());
        }
        byte[] bytes = op(path, timeout, ch -> {
            try (InputStream in = ch.get(escape(path))) {
                return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxFileBytes() + 1));
            }
        });
        if (bytes.length > limits.maxFileBytes()) {
            throw tooLarge(path, bytes.length);
        }
        return new FileContent(path, bytes);
    }

    FileContent checked(FileContent content) throws TargetException {
        if (content.looksBinary()) {
            throw new TargetException(TargetException.Reason.BINARY, content.path(),
                    AuditTexts.get("target.file.binary", content.path()));
        }
        return content;
    }

    TargetException tooLarge(String path, long size) {
        return new TargetException(TargetException.Reason.TOO_LARGE, path,
                AuditTexts.get("target.file.too-large", path, String.valueOf(size), String.valueOf(limits.maxFileBytes())));
    }

    synchronized Optional<FileStat> stat(String path, Duration timeout) throws TargetException {
        SftpATTRS a;
        try {
            a = attrs(path, timeout);
        } catch (TargetException e) {
            if (e.reason() == TargetException.Reason.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
        FileStat.Type type = a.isReg() ? FileStat.Type.FILE : a.isDir() ? FileStat.Type.DIRECTORY
                : a.isLink() ? FileStat.Type.SYMLINK : FileStat.Type.OTHER;
        OwnerNames n = names(timeout);
        return Optional.of(new FileStat(path, type, a.getPermissions() & 0777, n.user(a.getUId()), n.group(a.getGId()),
                a.getSize(), Instant.ofEpochSecond(a.getMTime() & 0xffffffffL)));
    }

    synchronized List<DirEntry> list(String dir, Duration timeout) throws TargetException {
        SftpATTRS a = attrs(dir, timeout);
        if (!a.isDir()) {
            throw new TargetException(TargetException.Reason.IO, dir, dir + ": not a directory");
        }
        List<DirEntry> out = new ArrayList<>();
        op(dir, timeout, ch -> {
            ch.ls(escape(dir), e -> {
                String name = e.getFilename();
                if (!name.equals(".") && !name.equals("..")) {
                    SftpATTRS x = e.getAttrs();
                    FileStat.Type t = x.isLink() ? FileStat.Type.SYMLINK : x.isDir() ? FileStat.Type.DIRECTORY
                            : x.isReg() ? FileStat.Type.FILE : FileStat.Type.OTHER;
                    out.add(new DirEntry(name, t));
                }
                return ChannelSftp.LsEntrySelector.CONTINUE;
            });
            return null;
        });
        out.sort(Comparator.comparing(DirEntry::name));
        return out;
    }

    /**
     * stat (following links); a dangling link is absent, a link loop an error, as locally. Asks
     * lstat first: a path that is not there is then one request, not a stat and the lstat that
     * tells a missing file from a link loop; only a link costs the second request.
     */
    private SftpATTRS attrs(String path, Duration timeout) throws TargetException {
        absolute(path);
        SftpATTRS own = op(path, timeout, ch -> ch.lstat(escape(path)));
        if (!own.isLink()) {
            return own;
        }
        try {
            return op(path, timeout, ch -> ch.stat(escape(path)));
        } catch (TargetException e) {
            if (e.reason() == TargetException.Reason.NOT_FOUND && isLinkLoop(path, timeout)) {
                throw new TargetException(TargetException.Reason.SYMLINK_LOOP, path, AuditTexts.get("target.file.loop", path));
            }
            throw e;
        }
    }

    /** OpenSSH's sftp-server reports ELOOP as "no such file": follow the links to tell. */
    private boolean isLinkLoop(String path, Duration timeout) {
        String p = path;
        try {
            for (int hop = 0; hop <= MAX_HOPS; hop++) {
                String current = p;
                SftpATTRS l = op(current, timeout, ch -> ch.lstat(escape(current)));
                if (!l.isLink()) {
                    return false;
                }
                String link = op(current, timeout, ch -> ch.readlink(escape(current)));
                p = link.startsWith("/") ? link : current.substring(0, current.lastIndexOf('/') + 1) + link;
            }
            return true;
        } catch (TargetException e) {
            return false;
        }
    }

    private OwnerNames names(Duration timeout) {
        if (names == null) {
            names = new OwnerNames(text("/etc/passwd", timeout), text("/etc/group", timeout));
        }
        return names;
    }

    private String text(String path, Duration timeout) {
        try {
            return read(path, timeout).text();
        } catch (TargetException e) {
            return "";
        }
    }

    private <T> T op(String path, Duration timeout, Op<T> op) throws TargetException {
        ChannelSftp ch = channel(timeout);
        Watchdog.Alarm alarm = Watchdog.after(timeout, ch::disconnect);
        try (alarm) {
            return op.apply(ch);
        } catch (SftpException | IOException | RuntimeException e) {
            if (alarm.fired()) {
                dropChannel();
                throw new TargetException(TargetException.Reason.TIMEOUT, path, AuditTexts.get("ssh.sftp-timeout", path, where,
                        String.valueOf(Math.max(1, timeout.toSeconds()))));
            }
            if (!session.isConnected()) {
                dropChannel();
                throw new TargetException(TargetException.Reason.IO, path, AuditTexts.get("ssh.lost.during",
                        AuditTexts.get("ssh.lost", where), "SFTP " + path));
            }
            if (ch.isClosed()) {
                dropChannel();
            }
            throw translate(path, e);
        }
    }

    /** The SFTP channel, opened on first use; it holds one slot of the gate while open. */
    private ChannelSftp channel(Duration timeout) throws TargetException {
        if (channel != null && channel.isConnected()) {
            return channel;
        }
        dropChannel();
        if (missing != null) {
            throw new TargetException(TargetException.Reason.NOT_SUPPORTED, "sftp", missing);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int attempt = 0; ; attempt++) {
            gate.acquire(deadline, "sftp");
            ChannelSftp ch = null;
            try {
                ch = (ChannelSftp) session.openChannel("sftp");
                if (ch == null) { // JSch's answer while the session is going down
                    gate.release();
                    throw new TargetException(TargetException.Reason.IO, "sftp", AuditTexts.get("ssh.lost", where));
                }
                ch.connect((int) Math.max(1, Math.min(Integer.MAX_VALUE, (deadline - System.nanoTime()) / 1_000_000)));
                channel = ch;
                return ch;
            } catch (JSchException e) {
                if (ch != null) {
                    ch.disconnect();
                }
                if (session.isConnected() && ExecChannels.requestRefused(e)) {
                    gate.release();
                    missing = AuditTexts.get("ssh.no-sftp", where);
                    throw new TargetException(TargetException.Reason.NOT_SUPPORTED, "sftp", missing);
                }
                boolean busy = session.isConnected() && gate.refusedWhileBusy();
                gate.release();
                if (busy) {
                    gate.pause(deadline, attempt);
                    continue;
                }
                if (!session.isConnected()) {
                    throw new TargetException(TargetException.Reason.IO, "sftp", AuditTexts.get("ssh.lost", where));
                }
                throw new TargetException(TargetException.Reason.IO, "sftp", AuditTexts.get("ssh.sftp-unavailable", where,
                        String.valueOf(e.getMessage())));
            }
        }
    }

    private void dropChannel() {
        if (channel != null) {
            channel.disconnect();
            channel = null;
            gate.release();
        }
    }

    /** Why SFTP cannot be used on this connection, once the server has refused it. */
    Optional<String> missing() {
        return Optional.ofNullable(missing);
    }

    synchronized void close() {
        dropChannel();
    }

    private static TargetException translate(String path, Exception e) {
        if (e instanceof SftpException s) {
            return switch (s.id) {
                case ChannelSftp.SSH_FX_NO_SUCH_FILE -> new TargetException(TargetException.Reason.NOT_FOUND, path, AuditTexts.get("evidence.host.does-not-exist", path));
                case ChannelSftp.SSH_FX_PERMISSION_DENIED -> new TargetException(TargetException.Reason.PERMISSION_DENIED, path,
                        AuditTexts.get("target.file.denied", path));
                default -> new TargetException(TargetException.Reason.IO, path, path + ": SFTP " + s.id
                        + (s.getMessage() == null || s.getMessage().isBlank() ? "" : " (" + s.getMessage() + ")"));
            };
        }
        if (e instanceof TargetException t) {
            return t;
        }
        return new TargetException(TargetException.Reason.IO, path, path + ": " + e.getMessage());
    }

    private static void absolute(String path) throws TargetException {
        if (!path.startsWith("/")) {
            throw new TargetException(TargetException.Reason.IO, path, AuditTexts.get("target.file.not-absolute", path));
        }
        if (path.indexOf('\0') >= 0) {
            throw new TargetException(TargetException.Reason.IO, path, AuditTexts.get("target.file.nul"));
        }
    }

    /** JSch treats {@code * ?} as wildcards and {@code \} as their escape: make every byte literal. */
    static String escape(String path) {
        StringBuilder b = new StringBuilder(path.length() + 8);
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '\\' || c == '*' || c == '?') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }
}
