package de.tomaudit.target;

import java.util.List;
import java.util.Optional;

/**
 * Read-only access to one audited machine: files, directories, metadata and allow-listed
 * commands. Implementations: {@link LocalTarget}, {@link DirTarget}; SSH and offline bundles
 * plug in here. Paths are absolute POSIX paths as seen on the target.
 */
public interface Target extends AutoCloseable {

    /** Short name for reports and logs (host name, {@code local}, the dir). */
    String name();

    /** How it was reached: {@code local}, {@code dir:/srv/root}, {@code ssh://u@h:22}. */
    String address();

    /** Whether commands can run here at all (a {@code dir:} root cannot run any). */
    boolean canRunCommands();

    /** The whole file, up to the target's size cap; fails for directories and binary files. */
    FileContent read(String path) throws TargetException;

    /**
     * The whole file as bytes, whether text or not (a compressed package index), up to the size
     * cap. Targets that cannot tell bytes from text refuse binary files here too.
     */
    default FileContent readBytes(String path) throws TargetException {
        return read(path);
    }

    /** Metadata, or empty when the path does not exist. Symlinks are followed. */
    Optional<FileStat> stat(String path) throws TargetException;

    /** The entries of a directory, sorted by name. */
    List<DirEntry> list(String dir) throws TargetException;

    /** Runs an allow-listed command (checked with {@link CommandCatalog#verify}). */
    CommandResult run(Command command) throws TargetException;

    /**
     * The address network probes connect to (TLS, XMPP, HTTP), or empty where there is none (a
     * {@code dir:} root): probes then record not-applicable. Probes never connect anywhere else.
     */
    default Optional<String> probeHost() {
        return Optional.empty();
    }

    /** Paths matching a glob ({@code /etc/nginx/sites-enabled/*}), sorted; none when nothing matches. */
    default List<String> glob(String pattern) throws TargetException {
        return Globber.glob(this, pattern);
    }

    default boolean exists(String path) throws TargetException {
        return stat(path).isPresent();
    }

    /**
     * A local TCP port on the agent's side that leads to {@code host:port} as seen from the target
     * (an SSH port forward on the existing connection), or empty where the target has no such
     * tunnel (local, {@code dir:}, bundle). Closing the forward removes it.
     */
    default Optional<PortForward> forward(String host, int port) throws TargetException {
        return Optional.empty();
    }

    /** What went wrong beyond single reads and commands (sudo refused, connection lost); none by default. */
    default List<AccessProblem> accessProblems() {
        return List.of();
    }

    @Override
    default void close() { }
}
