package de.tomaudit.collect.host;

import de.tomaudit.testsupport.CannedTarget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.facts.Evidence;
import de.tomaudit.facts.FactSet;
import de.tomaudit.facts.Unavailable;
import de.tomaudit.target.CommandCatalog;
import de.tomaudit.target.DirTarget;
import de.tomaudit.target.Limits;
import de.tomaudit.target.Target;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BruteforceCollectorTest {

    private static final String STATUS_F2B = "Package: openssh-server\nStatus: install ok installed\nVersion: 1:9.2p1-2+deb12u10\n\n"
            + "Package: fail2ban\nStatus: install ok installed\nPriority: optional\n\n"
            + "Package: sshguard\nStatus: deinstall ok config-files\n\n";

    @TempDir
    Path root;

    private Path write(String path, String text) throws IOException {
        Path p = root.resolve(path.substring(1));
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    private void debianFail2ban() throws IOException {
        for (String f : List.of("jail.conf", "jail.d/defaults-debian.conf")) {
            try (InputStream in = getClass().getResourceAsStream("fail2ban-1.0.2-2/" + f)) {
                Path dest = root.resolve("etc/fail2ban/" + f);
                Files.createDirectories(dest.getParent());
                Files.copy(in, dest);
            }
        }
        write("/var/lib/dpkg/status", STATUS_F2B);
    }

    private static FactSet collect(Target t) {
        FactSet.Builder b = FactSet.builder();
        new BruteforceCollector().collect(t, b);
        return b.build();
    }

    private static Object value(FactSet f, String key) {
        return f.get(key).orElseThrow(() -> new AssertionError(key + " missing: " + f.whyMissing(key))).value();
    }

    @Test
    void debianPackageEnablesTheSshdJail() throws IOException {
        debianFail2ban();
        FactSet f = collect(new DirTarget(root, Limits.DEFAULT));
        assertEquals(true, value(f, "bruteforce.fail2ban_installed"));
        assertEquals(new Evidence("/var/lib/dpkg/status:5", "fail2ban install ok installed"),
                f.get("bruteforce.fail2ban_installed").orElseThrow().evidence().get(0));
        assertEquals(false, value(f, "bruteforce.sshguard_installed"), "config-files only is not installed");
        assertEquals(List.of("fail2ban"), value(f, "bruteforce.tools_installed"));
        assertEquals(true, value(f, "bruteforce.fail2ban_sshd_jail"));
        assertEquals(new Evidence("/etc/fail2ban/jail.d/defaults-debian.conf:2", "[sshd] enabled = true"),
                f.get("bruteforce.fail2ban_sshd_jail").orElseThrow().evidence().get(0));
        assertEquals(List.of("sshd"), value(f, "bruteforce.fail2ban_jails_enabled"));
        assertEquals(Unavailable.Kind.NOT_APPLICABLE, f.whyMissing("bruteforce.fail2ban_active_jails").orElseThrow().kind());
        assertEquals(false, value(f, "bruteforce.crowdsec_sshd_collection"));
        assertEquals(false, value(f, "bruteforce.crowdsec_bouncer_installed"));
    }

    @Test
    void jailLocalWinsOverJailD() throws IOException {
        debianFail2ban();
        write("/etc/fail2ban/jail.local", "[sshd]\n# switched off while testing\nenabled = false ; for now\n");
        FactSet f = collect(new DirTarget(root, Limits.DEFAULT));
        assertEquals(false, value(f, "bruteforce.fail2ban_sshd_jail"));
        assertEquals(new Evidence("/etc/fail2ban/jail.local:3", "[sshd] enabled = false"),
                f.get("bruteforce.fail2ban_sshd_jail").orElseThrow().evidence().get(0));
        write("/etc/fail2ban/jail.d/zz-override.local", "[sshd]\nEnabled: on\n");
        assertEquals(true, value(collect(new DirTarget(root, Limits.DEFAULT)), "bruteforce.fail2ban_sshd_jail"),
                "jail.d/*.local is read after jail.local");
    }

    @Test
    void jailWithAnotherNameUsingTheSshdFilterCounts() throws IOException {
        write("/etc/fail2ban/jail.conf", "[DEFAULT]\nenabled = false\n[sshd]\nport = ssh\n");
        write("/etc/fail2ban/jail.d/custom.conf", "[ssh-hard]\nfilter = sshd[mode=aggressive]\n"
                + "logpath = /var/log/auth.log\n   /var/log/secure\nenabled = yes\n");
        FactSet f = collect(new DirTarget(root, Limits.DEFAULT));
        assertEquals(true, value(f, "bruteforce.fail2ban_installed"), "jail.conf present although dpkg status is missing");
        assertEquals(true, value(f, "bruteforce.fail2ban_sshd_jail"));
        assertEquals(List.of("ssh-hard"), value(f, "bruteforce.fail2ban_jails_enabled"));
    }

    @Test
    void defaultSectionEnablesEveryJail() throws IOException {
        write("/etc/fail2ban/jail.conf", "[DEFAULT]\nenabled = true\n[sshd]\nport = ssh\n");
        assertEquals(true, value(collect(new DirTarget(root, Limits.DEFAULT)), "bruteforce.fail2ban_sshd_jail"));
    }

    @Test
    void nothingInstalled() throws IOException {
        write("/var/lib/dpkg/status", "Package: openssh-server\nStatus: install ok installed\n");
        FactSet f = collect(new DirTarget(root, Limits.DEFAULT));
        assertEquals(List.of(), value(f, "bruteforce.tools_installed"));
        assertEquals(false, value(f, "bruteforce.fail2ban_installed"));
        assertEquals(false, value(f, "bruteforce.fail2ban_sshd_jail"));
        assertEquals(false, value(f, "bruteforce.sshguard_installed"));
        assertEquals(false, value(f, "bruteforce.crowdsec_installed"));
    }

    @Test
    void crowdsecWithSshdCollectionAndBouncer() throws IOException {
        write("/var/lib/dpkg/status", "Package: crowdsec\nStatus: install ok installed\n\n"
                + "Package: crowdsec-firewall-bouncer-nftables\nStatus: install ok installed\n");
        write("/etc/crowdsec/collections/sshd.yaml", "name: crowdsecurity/sshd\n");
        write("/etc/crowdsec/scenarios/ssh-bf.yaml", "name: crowdsecurity/ssh-bf\n");
        FactSet f = collect(new DirTarget(root, Limits.DEFAULT));
        assertEquals(List.of("crowdsec"), value(f, "bruteforce.tools_installed"));
        assertEquals(true, value(f, "bruteforce.crowdsec_sshd_collection"));
        assertEquals(2, f.get("bruteforce.crowdsec_sshd_collection").orElseThrow().evidence().size());
        assertEquals(true, value(f, "bruteforce.crowdsec_bouncer_installed"));
    }

    @Test
    void runningServerReportsItsJails() throws IOException {
        debianFail2ban();
        FactSet f = collect(new CannedTarget(root).answer(CommandCatalog.command("fail2ban-status"), 0,
                "Status\n|- Number of jail:\t2\n`- Jail list:\tnginx-http-auth, sshd\n", ""));
        assertEquals(List.of("nginx-http-auth", "sshd"), value(f, "bruteforce.fail2ban_active_jails"));

        FactSet down = collect(new CannedTarget(root).answer(CommandCatalog.command("fail2ban-status"), 255, "",
                "2026-01-01 ERROR   Failed to access socket path: /var/run/fail2ban/fail2ban.sock. Is fail2ban running?\n"));
        assertEquals(List.of(), value(down, "bruteforce.fail2ban_active_jails"));

        FactSet garbage = collect(new CannedTarget(root).answer(CommandCatalog.command("fail2ban-status"), 0,
                "\u0000\u0001 no idea\n", ""));
        assertEquals(Unavailable.Kind.ERROR, garbage.whyMissing("bruteforce.fail2ban_active_jails").orElseThrow().kind());
    }

    @Test
    void unreadableJailFileIsAnError() throws IOException {
        debianFail2ban();
        Files.write(root.resolve("etc/fail2ban/jail.d/broken.conf"), new byte[] {'[', 0, 0, 1});
        FactSet f = collect(new DirTarget(root, Limits.DEFAULT));
        Unavailable u = f.whyMissing("bruteforce.fail2ban_sshd_jail").orElseThrow();
        assertEquals(Unavailable.Kind.ERROR, u.kind());
        assertTrue(u.reason().contains("/etc/fail2ban/jail.d/broken.conf"), u.reason());
    }

    @Test
    void oversizedDpkgStatusFallsBackToFiles() throws IOException {
        debianFail2ban();
        write("/var/lib/dpkg/status", STATUS_F2B + "X".repeat(50_000));
        FactSet f = collect(new DirTarget(root, new Limits(30_000, Duration.ofSeconds(1), 1000)));
        assertEquals(true, value(f, "bruteforce.fail2ban_installed"));
        assertEquals("/etc/fail2ban/jail.conf", f.get("bruteforce.fail2ban_installed").orElseThrow().evidence().get(0).source());
    }

    @Test
    void jailListParsing() {
        assertEquals(Optional.of(List.of()), BruteforceCollector.jailList("Status\n|- Number of jail:\t0\n`- Jail list:\t\n"));
        assertEquals(Optional.empty(), BruteforceCollector.jailList("Status\n"));
    }
}
