package de.tomaudit.testsupport;

import de.tomaudit.target.Command;
import de.tomaudit.target.CommandCatalog;
import de.tomaudit.target.CommandResult;
import de.tomaudit.target.DirEntry;
import de.tomaudit.target.FileContent;
import de.tomaudit.target.FileStat;
import de.tomaudit.target.Limits;
import de.tomaudit.target.LocalTarget;
import de.tomaudit.target.Target;
import de.tomaudit.target.TargetException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * This machine, seen as if a test-bed server were the packaged one: chosen paths read other
 * files (e.g. /etc/ssh/sshd_config is the bed's weak config), and chosen allow-listed commands
 * run a real binary with extra arguments (e.g. {@code sshd -T} runs {@code sshd -T -f CFG}).
 */
public final class RedirectedTarget implements Target {
    private final LocalTarget local = new LocalTarget(Limits.DEFAULT);
    private final Map<String, String> paths = new HashMap<>();
    private final Map<String, List<String>> commands = new HashMap<>();

    public RedirectedTarget path(String targetPath, String realPath) {
        paths.put(targetPath, realPath);
        return this;
    }

    /** Makes a path of this machine look absent (a package installed here that the test is not about). */
    public RedirectedTarget hide(String targetPath) {
        paths.put(targetPath, "/nonexistent/tomaudit-hidden" + targetPath);
        return this;
    }

    /** Runs this argv (real binary, no shell) when the command with this catalog id is asked for. */
    public RedirectedTarget command(String id, List<String> argv) {
        CommandCatalog.spec(id);
        commands.put(id, List.copyOf(argv));
        return this;
    }

    private String map(String path) {
        return paths.getOrDefault(path, path);
    }

    @Override public String name() { return "testbed"; }
    @Override public String address() { return "local"; }
    @Override public boolean canRunCommands() { return true; }
    @Override public FileContent read(String path) throws TargetException {
        FileContent c = local.read(map(path));
        return new FileContent(path, c.bytes());
    }
    @Override public Optional<FileStat> stat(String path) throws TargetException { return local.stat(map(path)); }
    @Override public List<DirEntry> list(String dir) throws TargetException { return local.list(map(dir)); }

    @Override
    public CommandResult run(Command command) throws TargetException {
        CommandCatalog.verify(command);
        List<String> argv = commands.get(command.id());
        if (argv == null) {
            return local.run(command);
        }
        try {
            Process p = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new TargetException(TargetException.Reason.TIMEOUT, command.line(), "timed out: " + argv);
            }
            return new CommandResult(command, p.exitValue(), out, err);
        } catch (IOException e) {
            throw new TargetException(TargetException.Reason.IO, command.line(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TargetException(TargetException.Reason.TIMEOUT, command.line(), "interrupted");
        }
    }
}
