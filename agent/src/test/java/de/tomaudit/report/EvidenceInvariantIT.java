package de.tomaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.result.TargetResult;
import de.tomaudit.testsupport.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The evidence invariant of {@link EvidenceInvariantTest} over the configurations the test bed
 * writes (scripts/testbed: the weak and hardened sshd, nginx, Prosody and ejabberd, and sshd
 * without SFTP), laid out as a host's /etc and audited whole: every {@code file:line} holds what it
 * claims, and no two findings contradict each other. Their includes name the bed's real paths, so
 * the included files are placed there under the root as well.
 */
class EvidenceInvariantIT {
    @TempDir Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"weak", "hardened", "nosftp"})
    void theBedsConfigurationsCiteLinesThatHoldTheOption(String variant) throws Exception {
        Path bed = TestPaths.testbed("sshd");
        Path root = tmp.resolve(variant);
        place(root, bed.resolve(variant + "/sshd_config"), "etc/ssh/sshd_config");
        if (!variant.equals("nosftp")) {
            Path beds = TestPaths.testbed();
            place(root, beds.resolve("nginx/" + variant + "/nginx.conf"), "etc/nginx/nginx.conf");
            place(root, beds.resolve("prosody/" + variant + "/prosody.cfg.lua"), "etc/prosody/prosody.cfg.lua");
            copyDir(beds.resolve("prosody/" + variant + "/conf.d"), root.resolve("etc/prosody/conf.d"), "");
            place(root, beds.resolve("ejabberd/" + variant + "/conf/ejabberd.yml"), "etc/ejabberd/ejabberd.yml");
            // include_config_file tls.yml is relative: ejabberd reads it from its working directory, the spool
            copyDir(beds.resolve("ejabberd/" + variant + "/spool"), root.resolve("var/lib/ejabberd"), ".yml");
            for (String d : List.of("sshd/" + variant + "/sshd_config.d", "nginx/" + variant + "/conf.d")) {
                copyDir(beds.resolve(d), root.resolve(beds.resolve(d).toString().substring(1)), "");
            }
        }
        TargetResult t = EvidenceInvariantTest.auditDir(root);
        assertTrue(t.findings().stream().anyMatch(f -> f.evidence().stream().anyMatch(e -> e.source().matches(".*/etc/ssh/sshd_config:\\d+"))),
                "the bed's sshd_config was audited");
        assertEquals(List.of(), EvidenceInvariantTest.drift(t, root, true));
    }

    private static void place(Path root, Path from, String at) throws Exception {
        assertTrue(Files.isRegularFile(from), from + " is missing: start the test bed with scripts/testbed start");
        Path to = root.resolve(at);
        Files.createDirectories(to.getParent());
        Files.copy(from, to);
    }

    private static void copyDir(Path from, Path to, String suffix) throws Exception {
        if (!Files.isDirectory(from)) {
            return;
        }
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(suffix)).toList()) {
                Files.copy(f, to.resolve(f.getFileName().toString()));
            }
        }
    }
}
