package de.tomaudit.target.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.audit.AuditOptions;
import de.tomaudit.audit.TargetAuditor;
import de.tomaudit.audit.TargetOpener;
import de.tomaudit.audit.TargetSpec;
import de.tomaudit.fleet.FleetBed;
import de.tomaudit.result.Finding;
import de.tomaudit.result.TargetResult;
import de.tomaudit.rules.Rule;
import de.tomaudit.rules.RuleLoader;
import de.tomaudit.target.Limits;
import de.tomaudit.target.LocalTarget;
import de.tomaudit.target.Target;
import de.tomaudit.target.ssh.SshOptions;
import de.tomaudit.testsupport.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offline path end to end: scripts/collect.sh runs on this machine (over SSH through the
 * test bed's OpenSSH as an ordinary user, and locally as root), its bundle is audited, and the
 * findings equal those of auditing the same machine live (over SSH as the same user, and locally).
 */
class CollectShIT {
    @TempDir Path tmp;

    private static List<Rule> rules;

    @BeforeAll
    static void setUp() throws Exception {
        FleetBed.requireUp();
        rules = RuleLoader.loadDirectory(TestPaths.repo().resolve("rules/host"));
    }

    private static AuditOptions options() {
        return new AuditOptions(Set.of(), rules, List.of(), "en", 1, Limits.DEFAULT);
    }

    private static Map<String, String> statuses(TargetResult r) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Finding f : r.findings()) {
            m.put(f.ruleId(), f.status().toString());
        }
        return m;
    }

    /** Runs argv with stdin from a file and stdout into a file; returns stderr. */
    private static String run(Path stdin, Path stdout, String... argv) throws Exception {
        Path err = Files.createTempFile("collect", ".err");
        try {
            Process p = new ProcessBuilder(argv).redirectInput(stdin.toFile()).redirectOutput(stdout.toFile())
                    .redirectError(err.toFile()).start();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), String.join(" ", argv) + " did not finish");
            String text = Files.readString(err);
            assertEquals(0, p.exitValue(), text);
            return text;
        } finally {
            Files.deleteIfExists(err);
        }
    }

    @Test
    void aBundleCollectedOverSshAuditsLikeTheSshAuditOfTheSameHostAsTheSameUser() throws Exception {
        Path bundle = tmp.resolve("over-ssh.tar.gz");
        run(TestPaths.repo().resolve("scripts/collect.sh"), bundle, "ssh", "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes",
                "-o", "UserKnownHostsFile=" + FleetBed.knownHosts(), "-o", "StrictHostKeyChecking=yes",
                "-i", FleetBed.key().toString(), "-p", Integer.toString(FleetBed.PORT),
                FleetBed.MACHINE_USER + "@127.0.0.2", "sh -s -- -");
        TargetResult fromBundle;
        try (BundleTarget b = BundleTarget.open(bundle, Limits.DEFAULT)) {
            assertEquals(FleetBed.MACHINE_USER, b.manifest().user());
            assertTrue(b.canRunCommands());
            fromBundle = new TargetAuditor().audit(b, options());
        }
        SshOptions ssh = SshOptions.fromEnvironment(Map.of("HOME", tmp.toString())).withAgentSocket(Optional.empty())
                .withKnownHosts(FleetBed.knownHosts()).withIdentities(List.of(FleetBed.key()))
                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(300));
        TargetResult live;
        try (Target t = TargetOpener.open(TargetSpec.parse(FleetBed.address(FleetBed.MACHINE_USER, 2)), Limits.DEFAULT, ssh)) {
            live = new TargetAuditor().audit(t, options());
        }
        assertFalse(live.findings().isEmpty());
        assertEquals(live.kinds(), fromBundle.kinds());
        assertEquals(statuses(live), statuses(fromBundle), "the same rules with the same status");
    }

    @Test
    void aBundleCollectedLocallyAsRootAuditsLikeTheLocalAudit() throws Exception {
        Path bundle = tmp.resolve("local.tar.gz");
        Path none = Files.writeString(tmp.resolve("empty"), "");
        run(none, tmp.resolve("log"), "sh", TestPaths.repo().resolve("scripts/collect.sh").toString(), bundle.toString());
        TargetResult fromBundle;
        try (BundleTarget b = BundleTarget.open(bundle, Limits.DEFAULT)) {
            fromBundle = new TargetAuditor().audit(b, options());
        }
        TargetResult live = new TargetAuditor().audit(new LocalTarget(Limits.DEFAULT), options());
        assertEquals(live.kinds(), fromBundle.kinds());
        assertEquals(statuses(live), statuses(fromBundle), "the same rules with the same status");
        assertEquals(live.retentions(), fromBundle.retentions());
    }
}
