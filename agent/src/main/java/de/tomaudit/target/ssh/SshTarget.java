package de.tomaudit.target.ssh;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.target.AccessProblem;
import de.tomaudit.target.Command;
import de.tomaudit.target.CommandCatalog;
import de.tomaudit.target.CommandResult;
import de.tomaudit.target.DirEntry;
import de.tomaudit.target.FileContent;
import de.tomaudit.target.FileStat;
import de.tomaudit.target.Limits;
import de.tomaudit.target.Target;
import de.tomaudit.target.TargetException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A machine reached over SSH, read-only: one connection per target (JSch), files read, stat'ed
 * and listed through SFTP with the size cap of {@link Limits}, commands from the
 * {@link CommandCatalog} only, each on its own exec channel, verified before anything is sent and
 * quoted for a POSIX shell. With {@code --sudo}, root-only commands run as {@code sudo -n --
 * CMD}, and files SFTP may not read are read with {@code sudo -n cat -- 'PATH'} (metadata with
 * {@code sudo -n stat}, listings with {@code sudo -n ls}); a refused sudo makes those facts
 * not-applicable and is reported as a problem of stage {@code sudo}. Every request is bounded by
 * the command timeout and the whole target by the target timeout, after which the connection is
 * closed.
 *
 * <pre>{@code
 * try (SshTarget t = SshTarget.open(SshDestination.of("audit", "db1.example.org", 22),
 *                                   SshOptions.defaults().withSudo(true), Limits.DEFAULT)) { ... }
 * }</pre>
 */
public final class SshTarget implements Target {
    private static final Logger LOG = LoggerFactory.getLogger(SshTarget.class);

    private final SshDestination destination;
    private final SshConnection connection;
    private final Limits limits;
    private final SftpFiles files;
    private final ExecChannels exec;
    private final ExecFiles execFiles;
    private final SudoPolicy sudo;
    private final java.util.concurrent.atomic.AtomicBoolean sftpMissingSaid = new java.util.concurrent.atomic.AtomicBoolean();
    /** Where the connection goes ({@code user@host:port}), for messages. */
    private final String where;
    private final Instant deadline;
    private final Duration targetTimeout;
    private final Watchdog.Alarm budget;
    private final List<AccessProblem> problems = new ArrayList<>();
    /** Whether a command's program exists on the target, by program name (SFTP stat, no process). */
    private final java.util.concurrent.ConcurrentMap<String, Boolean> installed = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean closed;
    /** Each file request once per audit (see {@link FileMemo}). */
    private final FileMemo memo = new FileMemo();

    private SshTarget(SshDestination destination, SshConnection connection, SshOptions options, Limits limits, Instant started) {
        this.destination = destination;
        this.connection = connection;
        this.limits = limits;
        String where = connection.host().display();
        ChannelGate gate = new ChannelGate(ChannelGate.START);
        this.files = new SftpFiles(connection.session(), limits, where, gate);
        this.exec = new ExecChannels(connection.session(), where, gate);
        this.sudo = new SudoPolicy(options.sudo(), connection.host().user(), connection.host().hostPort());
        this.execFiles = new ExecFiles(exec, limits, sudo, this::opTimeout);
        this.where = where;
        this.targetTimeout = options.targetTimeout();
        this.deadline = started.plus(options.targetTimeout());
        Duration left = Duration.between(Instant.now(), deadline);
        this.budget = Watchdog.after(left.isNegative() ? Duration.ofMillis(1) : left, connection::close);
    }

    /**
     * Connects and logs in (strict host-key check, public keys only).
     *
     * @throws SshConnectException with stage {@code ssh} when the host cannot be reached, its key
     *         is unknown or changed, or no key is accepted; the message says what to do
     */
    public static SshTarget open(SshDestination destination, SshOptions options, Limits limits) throws SshConnectException {
        Instant started = Instant.now();
        SshConnection c = SshConnector.connect(destination, options);
        return new SshTarget(destination, c, options, limits, started);
    }

    @Override
    public String name() {
        return destination.host();
    }

    @Override
    public String address() {
        ResolvedHost h = connection.host();
        String host = h.hostName().contains(":") ? "[" + h.hostName() + "]" : h.hostName();
        return "ssh://" + h.user() + "@" + host + ":" + h.port();
    }

    @Override
    public boolean canRunCommands() {
        return true;
    }

    @Override
    public FileContent read(String path) throws TargetException {
        return files.checked(readBytes(path));
    }

    @Override
    public FileContent readBytes(String path) throws TargetException {
        return memo.answer("read", path,
                () -> file(path, () -> AuditTexts.get("ssh.what.read", path), t -> files.read(path, t), useSudo -> execFiles.read(path, useSudo)));
    }

    @Override
    public Optional<FileStat> stat(String path) throws TargetException {
        return memo.answer("stat", path,
                () -> file(path, () -> AuditTexts.get("ssh.what.stat", path), t -> files.stat(path, t), useSudo -> execFiles.stat(path, useSudo)));
    }

    @Override
    public List<DirEntry> list(String dir) throws TargetException {
        return memo.answer("list", dir,
                () -> file(dir, () -> AuditTexts.get("ssh.what.list", dir), t -> files.list(dir, t), useSudo -> execFiles.list(dir, useSudo)));
    }

    @FunctionalInterface
    private interface SftpOp<T> {
        T apply(Duration timeout) throws TargetException;
    }

    @FunctionalInterface
    private interface ExecOp<T> {
        T apply(boolean useSudo) throws TargetException;
    }

    /**
     * One file request: over SFTP; where the server has no SFTP subsystem (found out once per
     * connection, said once), with {@code cat}/{@code stat}/{@code ls} on exec channels; where
     * either is denied, with {@code sudo -n} (only with {@code --sudo}).
     */
    /** {@code what} names the request in a message; made only when one is needed (every request passes here). */
    private <T> T file(String path, java.util.function.Supplier<String> what, SftpOp<T> sftp, ExecOp<T> exec) throws TargetException {
        return guarded(path, () -> {
            TargetException denied;
            try {
                if (files.missing().isEmpty()) {
                    try {
                        return sftp.apply(opTimeout());
                    } catch (TargetException e) {
                        if (files.missing().isEmpty()) {
                            throw e;
                        }
                        noteNoSftp();
                    }
                }
                return exec.apply(false);
            } catch (TargetException e) {
                if (e.reason() != TargetException.Reason.PERMISSION_DENIED) {
                    throw e;
                }
                denied = e;
            }
            if (!sudo.enabled()) {
                throw deniedWithHint(path, denied);
            }
            if (sudo.refusal().isPresent()) {
                throw new TargetException(TargetException.Reason.NOT_SUPPORTED, path, sudo.notApplicable(what.get()));
            }
            return exec.apply(true);
        });
    }

    private void noteNoSftp() {
        if (sftpMissingSaid.compareAndSet(false, true)) {
            LOG.info("{}: {}; files are read with cat, stat and ls on exec channels instead", connection.host().display(),
                    files.missing().orElse("no SFTP"));
        }
    }

    @Override
    public CommandResult run(Command command) throws TargetException {
        CommandCatalog.verify(command);
        return guarded(command.line(), () -> {
            boolean useSudo = sudo.wanted(command);
            if (useSudo && sudo.refusal().isPresent()) {
                throw new TargetException(TargetException.Reason.NOT_SUPPORTED, command.line(), sudo.notApplicable(command.line()));
            }
            String exe = command.argv().get(0);
            if (!installed(exe)) {
                throw new TargetException(TargetException.Reason.NOT_FOUND, command.line(), AuditTexts.get("evidence.host.is-not-installed", exe));
            }
            String line = RemoteCommand.of(command, useSudo);
            ExecChannels.Outcome o = exec.run(line, command.line(), opTimeout(), limits.maxOutputBytes(), false);
            if (useSudo) {
                Optional<String> refused = sudo.refused(o, command.line());
                if (refused.isPresent()) {
                    throw new TargetException(TargetException.Reason.NOT_SUPPORTED, command.line(),
                            AuditTexts.get("ssh.sudo.needs-root", command.line(), refused.get()));
                }
            }
            String err = o.stderrText();
            if (o.exitCode() == 127 || err.contains("sudo: " + exe + ": command not found")) {
                throw new TargetException(TargetException.Reason.NOT_FOUND, command.line(), AuditTexts.get("evidence.host.is-not-installed", exe));
            }
            return new CommandResult(command, o.exitCode(), new String(o.stdout(), StandardCharsets.UTF_8), err);
        });
    }

    /** Network probes go to the host the SSH connection reached (its HostName), from the agent's side. */
    @Override
    public Optional<String> probeHost() {
        return Optional.of(connection.host().hostName());
    }

    /**
     * Looks for the program in the fixed PATH the command runs with, by SFTP stat: an exec channel
     * costs the server a login shell, a stat costs nothing (without SFTP: one {@code stat} of all
     * the candidates on an exec channel). When a directory cannot be looked into, the command is
     * run and the shell decides. Never {@code sudo -n} for a program that is not there: sudo
     * answers that with "a password is required" as if it were refused.
     */
    private boolean installed(String exe) {
        return installed.computeIfAbsent(exe, name -> {
            List<String> candidates = java.util.Arrays.stream(RemoteCommand.PATH.split(":")).map(d -> d + "/" + name).toList();
            if (files.missing().isEmpty()) {
                try {
                    for (String p : searched(candidates)) {
                        if (files.stat(p, opTimeout()).isPresent()) {
                            return true;
                        }
                    }
                    return false;
                } catch (TargetException e) {
                    if (files.missing().isEmpty()) {
                        return true;
                    }
                }
            }
            return execFiles.anyExists(candidates);
        });
    }

    /**
     * The candidates whose directory exists (each PATH directory stat'ed once per target over SFTP,
     * kept apart from {@link #stat}'s answers, which fall back to exec and sudo): a minimal host has
     * one or two of the six, so a program is looked for with one or two requests instead of six. A
     * directory that cannot be stat'ed is kept.
     *
     * @throws TargetException when SFTP turns out to be missing (the caller then asks on an exec channel)
     */
    private List<String> searched(List<String> candidates) throws TargetException {
        List<String> out = new ArrayList<>();
        for (String p : candidates) {
            String dir = p.substring(0, p.lastIndexOf('/'));
            try {
                if (memo.answer("path-dir", dir, () -> files.stat(dir, opTimeout())).isPresent()) {
                    out.add(p);
                }
            } catch (TargetException e) {
                if (files.missing().isPresent()) {
                    throw e;
                }
                out.add(p);
            }
        }
        return out;
    }

    /** A JSch local port forward on this connection (127.0.0.1:0 -> host:port as the target sees it). */
    @Override
    public Optional<de.tomaudit.target.PortForward> forward(String host, int port) throws TargetException {
        try {
            com.jcraft.jsch.Session session = connection.session();
            int local = session.setPortForwardingL("127.0.0.1", 0, host, port);
            return Optional.of(new de.tomaudit.target.PortForward() {
                @Override
                public int localPort() {
                    return local;
                }

                @Override
                public void close() {
                    try {
                        session.delPortForwardingL("127.0.0.1", local);
                    } catch (com.jcraft.jsch.JSchException e) {
                        LOG.debug("removing the port forward {} failed: {}", local, e.getMessage());
                    }
                }
            });
        } catch (com.jcraft.jsch.JSchException e) {
            throw new TargetException(TargetException.Reason.IO, host + ":" + port,
                    AuditTexts.get("ssh.forward-refused", host + ":" + port, String.valueOf(e.getMessage())));
        }
    }

    /** sudo refusals and a lost connection, for the target's errors (stage {@code sudo} / {@code ssh}). */
    @Override
    public List<AccessProblem> accessProblems() {
        List<AccessProblem> out = new ArrayList<>();
        for (String p : sudo.problems()) {
            out.add(new AccessProblem("sudo", p));
        }
        synchronized (problems) {
            out.addAll(problems);
        }
        exec.refusingAll().ifPresent(marker -> out.add(new AccessProblem("ssh", AuditTexts.get(files.missing().isPresent()
                ? "ssh.exec-refused.nothing-read" : "ssh.exec-refused.nothing-ran", marker), marker)));
        return out;
    }

    @Override
    public void close() {
        closed = true;
        budget.close();
        files.close();
        connection.close();
    }

    private TargetException deniedWithHint(String path, TargetException denied) {
        String hint = sudo.loggedInAsRoot() ? "" : AuditTexts.get("ssh.denied-hint", connection.host().user());
        return new TargetException(denied.reason(), path, denied.getMessage() + hint);
    }

    private Duration opTimeout() throws TargetException {
        Duration left = Duration.between(Instant.now(), deadline);
        if (left.isNegative() || left.isZero()) {
            throw budgetOver("");
        }
        return left.compareTo(limits.commandTimeout()) < 0 ? left : limits.commandTimeout();
    }

    private TargetException budgetOver(String subject) {
        String msg = AuditTexts.get("ssh.target-timeout", String.valueOf(Math.max(1, targetTimeout.toSeconds())));
        synchronized (problems) {
            if (problems.stream().noneMatch(p -> p.message().equals(msg))) {
                LOG.info("{}: {}", connection.host().display(), msg);
                problems.add(new AccessProblem("ssh", msg));
            }
        }
        return new TargetException(TargetException.Reason.TIMEOUT, subject, msg);
    }

    @FunctionalInterface
    private interface Io<T> {
        T get() throws TargetException;
    }

    /** Runs one request; after the target budget or a lost connection, says so instead of a raw I/O error. */
    private <T> T guarded(String subject, Io<T> io) throws TargetException {
        if (closed) {
            throw new TargetException(TargetException.Reason.IO, subject, AuditTexts.get("ssh.closed"));
        }
        if (budget.fired()) {
            throw budgetOver(subject);
        }
        if (!connection.alive()) {
            noteLost();
            throw new TargetException(TargetException.Reason.IO, subject, subject + ": " + lostText());
        }
        try {
            return io.get();
        } catch (TargetException e) {
            if (budget.fired() || !Instant.now().isBefore(deadline)) {
                throw budgetOver(subject);
            }
            if (!connection.alive() && !closed) {
                noteLost();
                String lostText = lostText(); // formatted only here: every request passes this method
                if (!e.getMessage().contains(lostText)) {
                    throw new TargetException(TargetException.Reason.IO, subject, AuditTexts.get("ssh.lost.while", subject, lostText,
                            e.getMessage()));
                }
            }
            throw e;
        }
    }

    /**
     * In every failure a lost connection causes (the marker of that access problem), in the audit's
     * language: every request of one audit runs in that language, so the marker and the failures agree.
     */
    private String lostText() {
        return AuditTexts.get("ssh.lost", where);
    }

    private void noteLost() {
        String lostText = lostText();
        synchronized (problems) {
            if (problems.stream().noneMatch(p -> p.stage().equals("ssh"))) {
                String msg = AuditTexts.get("ssh.lost.during-audit", lostText);
                LOG.info("{}", msg);
                problems.add(new AccessProblem("ssh", msg, lostText));
            }
        }
    }
}
