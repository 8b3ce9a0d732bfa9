package de.tomaudit.target;

import de.tomaudit.i18n.AuditTexts;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs an allow-listed argv on this machine: no shell, no stdin, C locale, bounded time and output. */
final class ProcessRunner {
    private static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    private final Limits limits;

    ProcessRunner(Limits limits) {
        this.limits = limits;
    }

    CommandResult run(Command command) throws TargetException {
        String exe = locate(command.argv().get(0));
        if (exe == null) {
            throw new TargetException(TargetException.Reason.NOT_FOUND, command.line(),
                    AuditTexts.get("evidence.host.is-not-installed", command.argv().get(0)));
        }
        var argv = new java.util.ArrayList<>(command.argv());
        argv.set(0, exe);
        ProcessBuilder pb = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().put("LC_ALL", "C");
        pb.environment().put("LANG", "C");
        pb.environment().put("PATH", PATH);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new TargetException(TargetException.Reason.IO, command.line(), command.line() + ": " + e.getMessage());
        }
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> drain(p.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
        try {
            if (!p.waitFor(limits.commandTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new TargetException(TargetException.Reason.TIMEOUT, command.line(),
                        command.line() + " did not finish within " + limits.commandTimeout().toSeconds() + " s");
            }
            return new CommandResult(command, p.exitValue(),
                    new String(out.get(5, TimeUnit.SECONDS), StandardCharsets.UTF_8),
                    new String(err.get(5, TimeUnit.SECONDS), StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new TargetException(TargetException.Reason.TIMEOUT, command.line(), "interrupted: " + command.line());
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new TargetException(TargetException.Reason.IO, command.line(), command.line() + ": output not readable");
        }
    }

    private byte[] drain(InputStream in) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(chunk)) >= 0) {
                if (buf.size() < limits.maxOutputBytes()) {
                    buf.write(chunk, 0, Math.min(n, limits.maxOutputBytes() - buf.size()));
                }
            }
        } catch (IOException e) {
            // the process was killed; keep what arrived
        }
        return buf.toByteArray();
    }

    static String locate(String exe) {
        if (exe.contains("/")) {
            return new File(exe).canExecute() ? exe : null;
        }
        for (String dir : PATH.split(":")) {
            File f = new File(dir, exe);
            if (f.canExecute()) {
                return f.getPath();
            }
        }
        return null;
    }
}
