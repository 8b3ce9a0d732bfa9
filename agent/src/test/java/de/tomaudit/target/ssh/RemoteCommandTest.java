package de.tomaudit.target.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.target.CommandCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command text sent to the target: exact form, and quoting proven against real shells. */
class RemoteCommandTest {
    private static final String ENV = "env LC_ALL=C LANG=C PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    private static final List<String> NASTY = List.of("/etc/x'; rm -rf /; '", "a b", "$(id)", "`id`", "x\"y", "'",
            "''", "\\", "semi;colon", "new\nline", "glob*?[a]", "~root", "-n", "tab\there", "$HOME", "!bang", "é€", "");

    @TempDir Path tmp;

    @Test
    void allowListedCommandsAreSentUnderEnvAndSudoOnlyWhenAsked() {
        assertEquals(ENV + " sshd -T", RemoteCommand.of(CommandCatalog.command("sshd-effective"), false));
        assertEquals(ENV + " sudo -n -- sshd -T", RemoteCommand.of(CommandCatalog.command("sshd-effective"), true));
        assertEquals(ENV + " sudo -n -- sshd -T -C 'user=a,host=b,addr=127.0.0.1'",
                RemoteCommand.of(CommandCatalog.command("sshd-effective-match", "user=a,host=b,addr=127.0.0.1"), true));
        assertEquals(ENV + " ps -e -o 'user=,comm=,args='", RemoteCommand.of(CommandCatalog.command("processes"), false));
    }

    @Test
    void filePrimitivesAlwaysQuoteThePath() {
        assertEquals(ENV + " sudo -n -- cat -- '/etc/shadow'", RemoteCommand.sudoCat("/etc/shadow"));
        assertEquals(ENV + " sudo -n -- cat -- '/etc/x'\\''; rm -rf /; '\\'''", RemoteCommand.sudoCat("/etc/x'; rm -rf /; '"));
        assertEquals(ENV + " sudo -n -- stat -L -c '%f %u %g %U %G %s %Y' -- '/a b'", RemoteCommand.sudoStat("/a b"));
    }

    @Test
    void nulBytesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ShellQuote.quoted("a\0b"));
        assertThrows(IllegalArgumentException.class, () -> ShellQuote.word("a\0b"));
    }

    /** Each word, quoted, comes back from sh and bash byte for byte, and nothing else runs. */
    @Test
    void quotedWordsSurviveRealShellsUnchanged() throws Exception {
        Path canary = tmp.resolve("pwned");
        List<String> words = new java.util.ArrayList<>(NASTY);
        words.add("x'; touch " + canary + "; '");
        words.add("$(touch " + canary + ")");
        for (String shell : List.of("/bin/sh", "/bin/bash")) {
            if (!Files.isExecutable(Path.of(shell))) {
                continue;
            }
            for (String w : words) {
                for (String quoted : List.of(ShellQuote.quoted(w), ShellQuote.word(w))) {
                    String out = run(shell, "printf '%s|' " + quoted);
                    assertEquals(w + "|", out, shell + " changed " + quoted);
                }
            }
            assertFalse(Files.exists(canary), shell + " ran an injected command");
        }
    }

    @Test
    void bareWordsAreOnlyHarmlessOnes() {
        assertEquals("sshd", ShellQuote.word("sshd"));
        assertEquals("-tulpn", ShellQuote.word("-tulpn"));
        assertEquals("'a=b'", ShellQuote.word("a=b"), "no word may look like an assignment");
        for (String w : NASTY) {
            if (w.equals("-n")) {
                continue;
            }
            assertTrue(ShellQuote.word(w).startsWith("'"), "must be quoted: " + w);
        }
    }

    private static String run(String shell, String script) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(shell, "-c", script).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out;
    }
}
