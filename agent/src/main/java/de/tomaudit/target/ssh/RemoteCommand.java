package de.tomaudit.target.ssh;

import de.tomaudit.target.Command;
import java.util.ArrayList;
import java.util.List;

/**
 * The exact text sent on an exec channel. Every command runs under {@code env} with the C locale
 * and a fixed PATH (so output is parseable and sbin tools are found whatever the login shell
 * sets); root-only commands get {@code sudo -n --} when {@code --sudo} is on, so sudo never
 * prompts. Besides the allow-listed commands there are exactly three file primitives: {@code cat},
 * {@code stat} and {@code ls} of one path, which is always single-quoted. They are used for paths
 * SFTP may not read (then with {@code sudo -n}, only with {@code --sudo}), and for every file on a
 * server without an SFTP subsystem (first without sudo, as SFTP would read them).
 */
public final class RemoteCommand {
    static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    private static final List<String> ENV = List.of("env", "LC_ALL=C", "LANG=C", "PATH=" + PATH);
    private static final List<String> SUDO = List.of("sudo", "-n", "--");
    /** stat format: raw mode (hex), uid, gid, owner, group, size, mtime (epoch seconds). */
    static final String STAT_FORMAT = "%f %u %g %U %G %s %Y";

    private RemoteCommand() { }

    /** An allow-listed command (the caller has verified it against the catalog). */
    public static String of(Command command, boolean sudo) {
        return line(sudo, command.argv(), List.of());
    }

    /** {@code sudo -n cat -- 'PATH'}: a file SFTP may not read. */
    public static String sudoCat(String path) {
        return cat(path, true);
    }

    /** {@code sudo -n ls -l -A -n -H … -- 'DIR'}: a directory SFTP may not list (names C-quoted). */
    public static String sudoList(String dir) {
        return list(dir, true);
    }

    /** {@code sudo -n stat -L -c FORMAT -- 'PATH'}: metadata SFTP may not read. */
    public static String sudoStat(String path) {
        return stat(path, true);
    }

    /** {@code cat -- 'PATH'}, with {@code sudo -n} when asked. */
    public static String cat(String path, boolean sudo) {
        return line(sudo, List.of("cat", "--"), List.of(path));
    }

    /**
     * {@code ls -l -A -n -H --time-style=+%s --quoting-style=c -- 'DIR'}: entries as they are
     * (links as links), the directory itself followed when it is a link ({@code -H}), as SFTP lists.
     */
    public static String list(String dir, boolean sudo) {
        return line(sudo, List.of("ls", "-l", "-A", "-n", "-H", "--time-style=+%s", "--quoting-style=c", "--"), List.of(dir));
    }

    /** {@code stat -L -c FORMAT -- 'PATH'} (links followed, as SFTP's stat). */
    public static String stat(String path, boolean sudo) {
        return line(sudo, List.of("stat", "-L", "-c", STAT_FORMAT, "--"), List.of(path));
    }

    /** {@code stat -L -c %n -- 'A' 'B' …}: which of these paths exist (one line each), in one request. */
    static String existing(List<String> paths) {
        return line(false, List.of("stat", "-L", "-c", "%n", "--"), paths);
    }

    private static String line(boolean sudo, List<String> words, List<String> paths) {
        List<String> prefix = new ArrayList<>(ENV);
        if (sudo) {
            prefix.addAll(SUDO);
        }
        StringBuilder out = new StringBuilder(String.join(" ", prefix));
        out.append(' ').append(ShellQuote.words(words));
        for (String p : paths) {
            out.append(' ').append(ShellQuote.quoted(p));
        }
        return out.toString();
    }
}
