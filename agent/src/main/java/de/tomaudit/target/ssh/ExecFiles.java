package de.tomaudit.target.ssh;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.target.DirEntry;
import de.tomaudit.target.FileContent;
import de.tomaudit.target.FileStat;
import de.tomaudit.target.Limits;
import de.tomaudit.target.TargetException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Reads, stats and lists files with {@code cat}, {@code stat -L} and {@code ls -H} on exec
 * channels ({@link RemoteCommand}: POSIX-quoted paths, the C locale), with or without
 * {@code sudo -n}: for paths SFTP may not read, and for every file on a server without an SFTP
 * subsystem. The same size cap, the same failure reasons and the same {@link FileStat} and
 * {@link DirEntry} values as over SFTP: a file is stat'ed before it is read, so a directory, a
 * device or an oversized file is refused before any byte is sent.
 */
final class ExecFiles {

    /** The time for the next request (what is left of the target's budget, at most the command timeout). */
    @FunctionalInterface
    interface Timeouts {
        Duration next() throws TargetException;
    }

    private final ExecChannels exec;
    private final Limits limits;
    private final SudoPolicy sudo;
    private final Timeouts timeouts;

    ExecFiles(ExecChannels exec, Limits limits, SudoPolicy sudo, Timeouts timeouts) {
        this.exec = exec;
        this.limits = limits;
        this.sudo = sudo;
        this.timeouts = timeouts;
    }

    FileContent read(String path, boolean useSudo) throws TargetException {
        Optional<FileStat> st = stat(path, useSudo);
        if (st.isEmpty()) {
            throw new TargetException(TargetException.Reason.NOT_FOUND, path, AuditTexts.get("evidence.host.does-not-exist", path));
        }
        if (st.get().type() == FileStat.Type.DIRECTORY) {
            throw new TargetException(TargetException.Reason.IO, path, AuditTexts.get("target.file.directory", path));
        }
        if (st.get().type() != FileStat.Type.FILE) {
            throw new TargetException(TargetException.Reason.IO, path, AuditTexts.get("target.file.not-regular", path));
        }
        if (st.get().size() > limits.maxFileBytes()) {
            throw tooLarge(path, st.get().size());
        }
        int cap = (int) Math.min(Integer.MAX_VALUE - 8, limits.maxFileBytes());
        ExecChannels.Outcome o = exec.run(RemoteCommand.cat(path, useSudo), path, timeouts.next(), cap, true);
        if (o.truncated()) {
            throw tooLarge(path, Math.max(o.stdout().length, limits.maxFileBytes() + 1));
        }
        checkSudo(o, useSudo, () -> AuditTexts.get("ssh.what.read", path));
        if (o.exitCode() != 0) {
            throw failure(path, o, useSudo);
        }
        return new FileContent(path, o.stdout());
    }

    Optional<FileStat> stat(String path, boolean useSudo) throws TargetException {
        absolute(path);
        ExecChannels.Outcome o = exec.run(RemoteCommand.stat(path, useSudo), path, timeouts.next(), 4096, false);
        checkSudo(o, useSudo, () -> AuditTexts.get("ssh.what.stat", path));
        if (o.exitCode() != 0) {
            TargetException e = failure(path, o, useSudo);
            if (e.reason() == TargetException.Reason.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
        return Optional.of(StatLine.parse(path, new String(o.stdout(), StandardCharsets.UTF_8)));
    }

    /** Whether any of these paths exists (one request for all; a failure of the request counts as yes). */
    boolean anyExists(List<String> paths) {
        try {
            ExecChannels.Outcome o = exec.run(RemoteCommand.existing(paths), "stat", timeouts.next(), 64 * 1024, false);
            return o.stdout().length > 0 || !o.stderrText().contains("No such file or directory");
        } catch (TargetException e) {
            return true;
        }
    }

    List<DirEntry> list(String dir, boolean useSudo) throws TargetException {
        absolute(dir);
        ExecChannels.Outcome o = exec.run(RemoteCommand.list(dir, useSudo), dir, timeouts.next(), limits.maxOutputBytes(), false);
        checkSudo(o, useSudo, () -> AuditTexts.get("ssh.what.list", dir));
        boolean listed = new String(o.stdout(), 0, Math.min(6, o.stdout().length), StandardCharsets.UTF_8).equals("total ");
        // exit 1 with a listing: some entries could not be stat'ed (a directory readable but not
        // searchable); LsListing drops those, as OpenSSH's sftp-server does
        if (o.exitCode() != 0 && !(o.exitCode() == 1 && listed)) {
            throw failure(dir, o, useSudo);
        }
        if (o.truncated()) {
            throw new TargetException(TargetException.Reason.TOO_LARGE, dir, AuditTexts.get("ssh.listing-too-large", dir,
                    String.valueOf(limits.maxOutputBytes())));
        }
        return LsListing.parse(dir, new String(o.stdout(), StandardCharsets.UTF_8));
    }

    TargetException tooLarge(String path, long size) {
        return new TargetException(TargetException.Reason.TOO_LARGE, path,
                AuditTexts.get("target.file.too-large", path, String.valueOf(size), String.valueOf(limits.maxFileBytes())));
    }

    /** {@code what} names the request; made only with sudo (every request passes here). */
    private void checkSudo(ExecChannels.Outcome o, boolean useSudo, java.util.function.Supplier<String> whatText) throws TargetException {
        if (!useSudo) {
            return;
        }
        String what = whatText.get();
        Optional<String> refused = sudo.refused(o, what);
        if (refused.isPresent()) {
            throw new TargetException(TargetException.Reason.NOT_SUPPORTED, what, AuditTexts.get("ssh.sudo.needs-root", what, refused.get()));
        }
    }

    private static TargetException failure(String path, ExecChannels.Outcome o, boolean useSudo) {
        String err = o.stderrText().strip();
        String first = err.isEmpty() ? AuditTexts.get("ssh.exit-code", String.valueOf(o.exitCode())) : err.lines().findFirst().orElse(err);
        if (err.contains("No such file or directory") || err.contains("Not a directory")) {
            return new TargetException(TargetException.Reason.NOT_FOUND, path, AuditTexts.get("evidence.host.does-not-exist", path));
        }
        if (err.contains("Is a directory")) {
            return new TargetException(TargetException.Reason.IO, path, AuditTexts.get("target.file.directory", path));
        }
        if (err.contains("Too many levels of symbolic links")) {
            return new TargetException(TargetException.Reason.SYMLINK_LOOP, path, AuditTexts.get("target.file.loop", path));
        }
        if (err.contains("Permission denied")) {
            return new TargetException(TargetException.Reason.PERMISSION_DENIED, path,
                    AuditTexts.get(useSudo ? "target.file.denied-with-sudo" : "target.file.denied", path));
        }
        return new TargetException(TargetException.Reason.IO, path, path + ": " + first);
    }

    private static void absolute(String path) throws TargetException {
        if (!path.startsWith("/")) {
            throw new TargetException(TargetException.Reason.IO, path, AuditTexts.get("target.file.not-absolute", path));
        }
        if (path.indexOf('\0') >= 0) {
            throw new TargetException(TargetException.Reason.IO, path, AuditTexts.get("target.file.nul"));
        }
    }
}
