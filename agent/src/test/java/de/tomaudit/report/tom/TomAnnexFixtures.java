package de.tomaudit.report.tom;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.tomaudit.report.JsonRenderer;
import de.tomaudit.report.RenderOptions;
import de.tomaudit.report.Renderer;
import de.tomaudit.result.AuditResult;
import de.tomaudit.testsupport.TestPaths;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The golden results of the annex tests (src/test/resources/report/tom/): {@code result-many.json}
 * holds every status, waivers with and without approver, an expired waiver, a finding with 200
 * evidence lines and one with a 5,000-character value, retentions with and without verification
 * and a null period, processors, a partial and an unreachable target, and fields and tags of a
 * newer version; {@code result-empty.json} has no target at all.
 */
final class TomAnnexFixtures {
    static final Path DIR = TestPaths.repo().resolve("agent/src/test/resources/report/tom");
    /** {@code -Dtomaudit.golden.update=true} rewrites the golden files instead of comparing. */
    static final boolean UPDATE = Boolean.getBoolean("tomaudit.golden.update");

    private TomAnnexFixtures() { }

    static AuditResult result(String name) {
        ObjectMapper m = JsonRenderer.mapper().copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        try {
            return m.readValue(DIR.resolve(name).toFile(), AuditResult.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] render(Renderer r, AuditResult result, String lang, String group, String org) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            r.render(result, new RenderOptions(lang, false, "high", group, org), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    /** Compares with the golden file (or writes it in update mode); returns a message, empty when equal. */
    static String golden(String file, String actual) throws IOException {
        Path g = DIR.resolve("golden").resolve(file);
        if (UPDATE || !Files.exists(g)) {
            Files.createDirectories(g.getParent());
            Files.writeString(g, actual, StandardCharsets.UTF_8);
            return UPDATE ? "" : "golden file " + g + " was missing and has been written: check it and commit it";
        }
        String expected = Files.readString(g, StandardCharsets.UTF_8);
        if (expected.equals(actual)) {
            return "";
        }
        Path actualFile = TestPaths.repo().resolve("agent/target/tom-annex/actual").resolve(file);
        Files.createDirectories(actualFile.getParent());
        Files.writeString(actualFile, actual, StandardCharsets.UTF_8);
        return "differs from golden " + g + " (actual written to " + actualFile + "; rerun with -Dtomaudit.golden.update=true "
                + "after checking the difference)";
    }

    /** Where the tests keep what they render for people to look at (PDF pages, documents). */
    static Path artifacts() throws IOException {
        Path d = TestPaths.repo().resolve("agent/target/tom-annex");
        Files.createDirectories(d);
        return d;
    }

    record Run(int code, String out) { }

    /** Runs a command with a time limit; null when the program is not installed. */
    static Run run(long timeoutSeconds, String... argv) throws IOException, InterruptedException {
        if (!onPath(argv[0])) {
            return null;
        }
        Path log = Files.createTempFile("tom-annex-run", ".out");
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", argv) + ": no answer within " + timeoutSeconds + " s");
            }
            return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    static List<String> lines(String s) {
        return new ArrayList<>(s.lines().toList());
    }
}
