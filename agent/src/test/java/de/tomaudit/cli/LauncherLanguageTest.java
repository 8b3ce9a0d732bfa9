package de.tomaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.testsupport.TestPaths;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's own notices (scripts/tomaudit) in the agent's language: German when {@code --lang de}
 * is among the arguments, or when {@code LANG} starts with de and no {@code --lang en} is given. The
 * launcher runs in a copy of the repository's layout with a stand-in {@code java} that makes no
 * class-data archive, so the launcher says it creates one, then that it could not.
 */
class LauncherLanguageTest {
    @TempDir Path tmp;

    private static final String NOTICE_EN = "tomaudit: creating the class-data archive agent/target/tomaudit.jsa for faster start-up";
    private static final String NOTICE_DE = "tomaudit: erstelle das Class-Data-Archiv agent/target/tomaudit.jsa für einen schnelleren Start";

    private String launch(String name, String lang, String... args) throws Exception {
        Path repo = tmp.resolve(name);
        Files.createDirectories(repo.resolve("scripts"));
        Files.createDirectories(repo.resolve("agent/src/main"));
        Path launcher = repo.resolve("scripts/tomaudit");
        Files.copy(TestPaths.repo().resolve("scripts/tomaudit"), launcher);
        Path java = repo.resolve("jdk/bin/java");
        Files.createDirectories(java.getParent());
        Files.writeString(java, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path jar = Files.createDirectories(repo.resolve("agent/target")).resolve("tomaudit.jar");
        Files.write(jar, new byte[] {0}); // last: no source is newer, so no build
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(repo.toFile()).redirectInput(ProcessBuilder.Redirect.from(
                new java.io.File("/dev/null")));
        pb.environment().put("JAVA_HOME", repo.resolve("jdk").toString());
        pb.environment().put("LANG", lang);
        pb.environment().remove("TOMAUDIT_CDS");
        pb.environment().remove("TOMAUDIT_JAVA_OPTS");
        Process p = pb.start();
        byte[] err = p.getErrorStream().readAllBytes();
        p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), new String(err, StandardCharsets.UTF_8));
        return new String(err, StandardCharsets.UTF_8);
    }

    @Test
    void theClassDataNoticeIsGermanWithLangDeOrAGermanLang() throws Exception {
        assertTrue(launch("a", "de_DE.UTF-8", "rules", "list").startsWith(NOTICE_DE), "LANG=de_DE");
        assertTrue(launch("b", "C.UTF-8", "audit", "--lang", "de").startsWith(NOTICE_DE), "--lang de");
        assertTrue(launch("c", "C.UTF-8", "history", "list", "--lang=de").startsWith(NOTICE_DE), "--lang=de");
        String de = launch("d", "de_DE.UTF-8", "audit");
        assertTrue(de.contains("tomaudit: Warnung: das Class-Data-Archiv konnte nicht erstellt werden"), de);
    }

    @Test
    void itStaysEnglishOtherwise() throws Exception {
        String en = launch("e", "C.UTF-8", "audit");
        assertTrue(en.startsWith(NOTICE_EN), en);
        assertTrue(en.contains("tomaudit: warning: could not create the class-data archive; running without it"), en);
        assertTrue(launch("f", "de_DE.UTF-8", "audit", "--lang", "en").startsWith(NOTICE_EN), "--lang en beats LANG");
        assertTrue(launch("g", "C.UTF-8", "audit", "--", "--lang", "de").startsWith(NOTICE_EN), "after --: no option");
    }
}
