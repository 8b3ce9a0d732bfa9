package de.tomaudit.report;

import de.tomaudit.facts.Evidence;
import de.tomaudit.facts.Retention;
import de.tomaudit.result.AuditResult;
import de.tomaudit.result.Finding;
import de.tomaudit.result.ProcessorEntry;
import de.tomaudit.result.RetentionEntry;
import de.tomaudit.result.Status;
import de.tomaudit.result.TargetError;
import de.tomaudit.result.TargetResult;
import de.tomaudit.result.TargetStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The results every renderer is checked against (the renderer contract), with fixed times and a
 * fixed tool version so their golden files are stable: empty, one target, many targets, every
 * status, errors, waived, unreachable, and hostile values (200 evidence lines, a huge value,
 * control characters, markup, a spreadsheet formula, umlauts).
 */
final class GoldenResults {
    static final String VERSION = "9.9.9-golden";
    static final String STARTED = "2026-11-23T02:00:00Z";
    static final String FINISHED = "2026-11-23T02:00:07Z";
    /** A value longer than any document shows: must be cut with a marker. */
    static final String HUGE = "A".repeat(12_000) + "END-OF-HUGE-VALUE";
    static final String CONTROL = "red \u001b[31malarm\u001b[0m bell\u0007 nul\u0000 rtl\u202eevil\u202c done";
    static final String MARKUP = "<script>alert('x')</script> | pipe *bold* [link](http://evil.example/) &amp;";
    static final String FORMULA = "=HYPERLINK(\"http://evil.example/\",\"click\")";

    private GoldenResults() { }

    static Map<String, AuditResult> all() {
        Map<String, AuditResult> m = new LinkedHashMap<>();
        m.put("empty", result(List.of()));
        m.put("one-target", result(List.of(oneTarget("chat"))));
        m.put("many-targets", result(List.of(oneTarget("chat"), everyStatus("social"), unreachable("meet"),
                oneTarget("backup-01"))));
        m.put("every-status", result(List.of(everyStatus("social"))));
        m.put("unreachable", result(List.of(unreachable("meet"))));
        m.put("hostile-values", result(List.of(hostile("files"))));
        return m;
    }

    static AuditResult result(List<TargetResult> targets) {
        return AuditResult.of(VERSION, STARTED, FINISHED, targets);
    }

    static Finding finding(String id, Status status, String severity, String title, String remediation, String reason,
                           List<Evidence> evidence) {
        return new Finding(id, status, severity, title, remediation, reason, evidence,
                new Finding.Tom(List.of("art32-1b"), List.of("vertraulichkeit"), List.of("zugangskontrolle")),
                List.of("BSI IT-Grundschutz SYS.1.3.A2"));
    }

    static TargetResult oneTarget(String name) {
        List<Finding> f = List.of(
                finding("host.ssh-password-auth", Status.FAIL, "high", "SSH-Anmeldung mit Passwort ist abgeschaltet",
                        "Set \"PasswordAuthentication no\" in /etc/ssh/sshd_config and reload sshd.", "",
                        List.of(Evidence.at("/etc/ssh/sshd_config", 58, "PasswordAuthentication yes"),
                                Evidence.command("sshd -T", "passwordauthentication yes"))),
                finding("host.firewall", Status.PASS, "medium", "A packet filter protects incoming traffic",
                        "Enable nftables.", "", List.of(Evidence.command("nft list ruleset", "policy drop"))),
                finding("prosody.mam-retention", Status.NOT_APPLICABLE, "medium", "Message archive kept for a bounded time",
                        "Set archive_expires_after.", "Prosody is not installed on this host", List.of()));
        return new TargetResult(name, "ssh://audit@" + name + ".example.org:22", List.of("host"), TargetStatus.COMPLETE,
                List.of(), f, List.of(new RetentionEntry("nginx access log", "P14D", "/etc/logrotate.d/nginx:3", false, null)));
    }

    static TargetResult everyStatus(String name) {
        List<Finding> f = new ArrayList<>();
        String[] severities = {"critical", "high", "medium", "low", "info"};
        for (String sev : severities) {
            f.add(finding("mastodon.check-" + sev, Status.FAIL, sev, "Failure graded " + sev + " (Löschfrist für Uploads)",
                    "Fix the " + sev + " problem: set MAX_SESSION_ACTIVATIONS and restart.", "",
                    List.of(Evidence.at("/home/mastodon/live/.env.production", 12, "SECRET_KEY_BASE=redacted (sha256:ab12cd34)"),
                            Evidence.probe("127.0.0.1:443", "TLSv1.0 accepted"),
                            Evidence.byDefault("Mastodon 4.3", "IP retention 1 year"))));
        }
        f.add(finding("host.updates", Status.PASS, "high", "Security updates are installed", "Run apt-get upgrade.", "",
                List.of(Evidence.command("apt-get -s upgrade", "0 upgraded"))));
        f.add(finding("host.backup-recent", Status.ERROR, "high", "A recent backup exists", "Back up daily.",
                "could not read /var/backups: permission denied", List.of()));
        f.add(finding("host.redis-auth", Status.NOT_APPLICABLE, "high", "Redis requires authentication", "Set requirepass.",
                "Redis is not installed", List.of()));
        f.add(finding("host.disk-encryption", Status.WAIVED, "medium", "Data at rest is encrypted", "Use LUKS.",
                "waived until 2027-03-31 (waivers.yaml:4): hosting provider encrypts the volumes (Vertrag §5)",
                List.of(Evidence.command("lsblk -J", "no crypt layer"))));
        f.add(finding("host.ssh-root-login", Status.FAIL, "high", "Root cannot log in over SSH", "PermitRootLogin no.",
                "waiver expired on 2026-01-01 (waivers.yaml:9): temporary exception for migration",
                List.of(Evidence.at("/etc/ssh/sshd_config", 33, "PermitRootLogin yes"))));
        f.add(finding("org.incident-response", Status.MANUAL, "info", "Incident response is documented",
                "Describe who is told within 72 hours and how (Art. 33).",
                "Wer meldet eine Datenpanne binnen 72 Stunden an die Aufsichtsbehörde?", List.of()));
        List<TargetError> errors = List.of(new TargetError("read", "/var/backups: permission denied",
                List.of("host.backup", "host.backup-recent")));
        return new TargetResult(name, "ssh://audit@" + name + ".example.org:22", List.of("host", "mastodon"),
                TargetStatus.PARTIAL, errors, f,
                List.of(new RetentionEntry("uploads", "P30D", "/home/mastodon/live/.env.production:40", false,
                        new Retention.Verified("P45D", "/home/mastodon/live/public/system", false))),
                List.of(new ProcessorEntry("SMTP relay", "smtp.mailgun.org", "/home/mastodon/live/.env.production:57", "US",
                        "third country (Art. 44)")));
    }

    static TargetResult unreachable(String name) {
        return TargetResult.unreachable(name, "ssh://audit@" + name + ".example.org:22", List.of(),
                new TargetError("ssh", "connection refused by " + name + ".example.org:22",
                        List.of("host.backup", "host.ssh-password-auth", "host.ssh-root-login")));
    }

    static TargetResult hostile(String name) {
        List<Evidence> many = new ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            many.add(Evidence.at("/srv/files/upload-" + i + ".bin", i, "older than 30 days: " + (30 + i) + " days"));
        }
        List<Evidence> odd = List.of(Evidence.at("/etc/app/huge.conf", 7, HUGE),
                Evidence.at("/etc/app/ctl.conf", 2, CONTROL),
                Evidence.at("/etc/app/markup.conf", 3, MARKUP),
                Evidence.file("/etc/app/with space/Größe.conf", "Übergröße ß äöü ÄÖÜ"));
        List<Finding> f = List.of(
                finding("prosody.upload-expiry", Status.FAIL, "high", "Uploads are deleted after their retention",
                        "Delete uploads older than 30 days.", "", many),
                finding("custom.odd-values", Status.FAIL, "medium", "Title with " + CONTROL, FORMULA, "", odd),
                finding("custom.formula", Status.PASS, "low", FORMULA, "-cmd|' /C calc'!A0", "",
                        List.of(Evidence.file("@SUM(1+1)*cmd|' /C calc'!A0", "+1"))));
        return new TargetResult(name + " " + MARKUP, "dir:/srv/" + name, List.of("prosody"), TargetStatus.COMPLETE,
                List.of(new TargetError("parse", "bad byte \u0000 in /etc/app/ctl.conf \u001b[2J", List.of("custom.odd-values"))), f, List.of());
    }
}
