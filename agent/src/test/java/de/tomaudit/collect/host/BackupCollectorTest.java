package de.tomaudit.collect.host;

import de.tomaudit.testsupport.CannedTarget;

import static de.tomaudit.collect.host.HostFixtures.chmod;
import static de.tomaudit.collect.host.HostFixtures.mkdir;
import static de.tomaudit.collect.host.HostFixtures.mtime;
import static de.tomaudit.collect.host.HostFixtures.resource;
import static de.tomaudit.collect.host.HostFixtures.symlink;
import static de.tomaudit.collect.host.HostFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.facts.Fact;
import de.tomaudit.facts.FactSet;
import de.tomaudit.facts.Unavailable;
import de.tomaudit.target.DirTarget;
import de.tomaudit.target.Limits;
import de.tomaudit.target.Target;
import de.tomaudit.testsupport.TestPaths;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupCollectorTest {

    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    @TempDir Path root;

    /** A Debian 12 host as installed (files from the packages): cron, apt and dpkg jobs, apt timers, no backup. */
    @BeforeEach
    void debianDefaults() {
        write(root, "/etc/passwd", "root:x:0:0:root:/root:/bin/bash\npostgres:x:105:111:PostgreSQL administrator:/var/lib/postgresql:/bin/bash\n");
        write(root, "/etc/crontab", TestPaths.debianText("cron-daemon-common", "etc/crontab"));
        write(root, "/etc/cron.d/e2scrub_all", TestPaths.debianText("e2fsprogs", "etc/cron.d/e2scrub_all"));
        for (String[] s : new String[][] {{"apt", "apt-compat"}, {"dpkg", "dpkg"}, {"man-db", "man-db"}}) {
            chmod(write(root, "/etc/cron.daily/" + s[1], TestPaths.debianText(s[0], "etc/cron.daily/" + s[1])), "rwxr-xr-x");
        }
        chmod(write(root, "/etc/cron.daily/bigbluebutton", resource("backup/conference-cleanup.cron.daily")), "rwxr-xr-x");
        for (String u : List.of("apt-daily.timer", "apt-daily.service", "apt-daily-upgrade.timer", "apt-daily-upgrade.service")) {
            write(root, "/lib/systemd/system/" + u, TestPaths.debianText("apt", "lib/systemd/system/" + u));
        }
        for (String u : List.of("pg_dump@.timer", "pg_dump@.service")) {
            write(root, "/lib/systemd/system/" + u, TestPaths.debianText("postgresql-common", "lib/systemd/system/" + u));
        }
        symlink(root, "/etc/systemd/system/timers.target.wants/apt-daily.timer", "/lib/systemd/system/apt-daily.timer");
        symlink(root, "/etc/systemd/system/timers.target.wants/apt-daily-upgrade.timer", "/lib/systemd/system/apt-daily-upgrade.timer");
    }

    private FactSet collect(Target t) {
        FactSet.Builder b = FactSet.builder();
        new BackupCollector(Clock.fixed(NOW, ZoneOffset.UTC)).collect(t, b);
        return b.build();
    }

    private FactSet collect() {
        return collect(new DirTarget(root, Limits.DEFAULT));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> jobs(FactSet f) {
        return (List<Map<String, Object>>) f.get(BackupCollector.KEY)
                .orElseThrow(() -> new AssertionError(f.whyMissing(BackupCollector.KEY))).value();
    }

    private Path aged(Path p, Duration age) {
        return mtime(p, NOW.minus(age));
    }

    @Test
    void debianAsInstalledHasNoBackupJob() {
        FactSet f = collect();
        assertEquals(List.of(), jobs(f));
        assertTrue(f.get(BackupCollector.KEY).orElseThrow().evidence().get(0).value().contains("no scheduled job runs a backup tool"));
    }

    @Test
    void pgDumpInCronDWithEscapedPercentAndSecretInEnv() {
        write(root, "/etc/cron.d/pg-backup", """
                SHELL=/bin/sh
                PGPASSWORD=verysecret
                30 3 * * * postgres pg_dump -Fc mastodon_production -f /var/backups/pg/mastodon-$(date +\\%F).dump
                """);
        aged(write(root, "/var/backups/pg/mastodon-2026-11-22.dump", "PGDMP"), Duration.ofHours(30));
        aged(write(root, "/var/backups/pg/mastodon-2026-11-23.dump", "PGDMP"), Duration.ofHours(5));
        Map<String, Object> job = jobs(collect()).get(0);
        assertEquals("pg_dump", job.get("tool"));
        assertEquals("30 3 * * *", job.get("schedule"));
        assertEquals("/etc/cron.d/pg-backup:3", job.get("source"));
        assertEquals("postgres", job.get("user"));
        assertEquals("/var/backups/pg", job.get("location"));
        assertEquals("present", job.get("artefact"));
        assertEquals(5L, job.get("newest_age_hours"));
        assertEquals("/var/backups/pg/mastodon-2026-11-23.dump", job.get("newest"));
        assertEquals(false, job.get("encrypted"));
    }

    @Test
    void borgTimerCallingAScriptWithARepokeyRepository() {
        write(root, "/etc/systemd/system/borg-backup.timer", "[Unit]\nDescription=nightly borg\n\n[Timer]\nOnCalendar=*-*-* 02:15:00\nPersistent=true\n\n[Install]\nWantedBy=timers.target\n");
        write(root, "/etc/systemd/system/borg-backup.service", "[Unit]\nDescription=borg\n\n[Service]\nType=oneshot\n"
                + "Environment=\"BORG_PASSPHRASE=correct horse battery\"\n"
                + "ExecStart=/usr/local/sbin/borg-backup.sh \\\n    --quiet\n");
        symlink(root, "/etc/systemd/system/timers.target.wants/borg-backup.timer", "/etc/systemd/system/borg-backup.timer");
        write(root, "/usr/local/sbin/borg-backup.sh", """
                #!/bin/sh
                # nightly backup of the Mastodon host
                export BORG_REPO=/srv/borg/mastodon
                LOG=/var/log/borg.log
                nice -n 19 borg create --stats --compression lz4 \\
                    ::'{hostname}-{now}' /etc /home/mastodon/live/.env.production /var/backups >>"$LOG" 2>&1
                borg prune --keep-daily 7 --keep-weekly 4
                """);
        write(root, "/srv/borg/mastodon/config", resource("backup/borg-repokey-config"));
        write(root, "/srv/borg/mastodon/nonce", resource("backup/borg-repokey-nonce"));
        aged(write(root, "/srv/borg/mastodon/index.41", "x"), Duration.ofHours(30));
        aged(write(root, "/srv/borg/mastodon/hints.41", "x"), Duration.ofHours(30));
        aged(write(root, "/srv/borg/mastodon/integrity.42", "x"), Duration.ofHours(9));
        mkdir(root, "/srv/borg/mastodon/data/0");
        List<Map<String, Object>> jobs = jobs(collect());
        assertEquals(1, jobs.size(), "borg prune is not a backup: " + jobs);
        Map<String, Object> job = jobs.get(0);
        assertEquals("borg", job.get("tool"));
        assertEquals("*-*-* 02:15:00", job.get("schedule"));
        assertEquals("/usr/local/sbin/borg-backup.sh:5", job.get("source"));
        assertTrue(((String) job.get("scheduled_by")).startsWith("/etc/systemd/system/borg-backup.timer:5 -> /etc/systemd/system/borg-backup.service:7"));
        assertEquals("/srv/borg/mastodon", job.get("location"));
        assertEquals(9L, job.get("newest_age_hours"));
        assertEquals(true, job.get("encrypted"));
    }

    @Test
    void borgWithoutEncryptionAndKeyTypeFromTheSecurityDirectory() {
        write(root, "/var/spool/cron/crontabs/root", "0 1 * * * BORG_REPO=/srv/plain borg create ::x /etc\n"
                + "0 2 * * * borg create ssh://backup@offsite.example/./repo::{now} /etc\n");
        write(root, "/srv/plain/config", resource("backup/borg-none-config"));
        aged(write(root, "/srv/plain/index.3", "x"), Duration.ofHours(20));
        write(root, "/root/.config/borg/security/0a1b/location", "ssh://backup@offsite.example/./repo");
        write(root, "/root/.config/borg/security/0a1b/key-type", "3");
        List<Map<String, Object>> jobs = jobs(collect());
        assertEquals(false, jobs.get(0).get("encrypted"));
        assertEquals("root", jobs.get(0).get("user"), "spool crontabs are named after their user");
        assertEquals("ssh://backup@offsite.example/./repo", jobs.get(1).get("location"));
        assertEquals("unknown", jobs.get(1).get("newest_age_hours"));
        assertEquals("unknown", jobs.get(1).get("artefact"));
        assertEquals(true, jobs.get(1).get("encrypted"), "key type 3 is repokey");
    }

    @Test
    void encryptionNoneViaKeyTypeOverridesEverything() {
        write(root, "/etc/cron.d/borg", "0 2 * * * root borg create ssh://u@h/repo::a /etc\n");
        write(root, "/root/.config/borg/security/ff/location", "ssh://u@h/repo\n");
        write(root, "/root/.config/borg/security/ff/key-type", "2\n");
        assertEquals(false, jobs(collect()).get(0).get("encrypted"));
    }

    @Test
    void mysqldumpThroughGpgFromASpoolCrontab() {
        write(root, "/var/spool/cron/crontabs/root", "MAILTO=root\n"
                + "15 4 * * * mysqldump -u root -pTopSecret --all-databases | gzip | gpg --batch -e -r ops@example.org > /backup/db.sql.gz.gpg\n");
        aged(write(root, "/backup/db.sql.gz.gpg", "x"), Duration.ofHours(7));
        FactSet f = collect();
        Map<String, Object> job = jobs(f).get(0);
        assertEquals("mysqldump", job.get("tool"));
        assertEquals("/backup/db.sql.gz.gpg", job.get("location"));
        assertEquals(7L, job.get("newest_age_hours"));
        assertEquals(true, job.get("encrypted"));
        assertFalse(f.get(BackupCollector.KEY).orElseThrow().toString().contains("TopSecret"), f.get(BackupCollector.KEY).orElseThrow().toString());
        assertFalse(f.get(BackupCollector.KEY).orElseThrow().evidence().toString().contains("TopSecret"));
    }

    @Test
    void resticIsAlwaysEncryptedAndItsSnapshotsDateIt() {
        write(root, "/etc/cron.d/restic", "RESTIC_REPOSITORY=/srv/restic\nRESTIC_PASSWORD=hunter2\n"
                + "@daily root restic backup --quiet /etc /var/lib/prosody\n");
        write(root, "/srv/restic/config", "x");
        aged(write(root, "/srv/restic/snapshots/1f2e", "x"), Duration.ofHours(60));
        aged(write(root, "/srv/restic/snapshots/3a4b", "x"), Duration.ofHours(50));
        FactSet f = collect();
        Map<String, Object> job = jobs(f).get(0);
        assertEquals("@daily", job.get("schedule"));
        assertEquals(50L, job.get("newest_age_hours"));
        assertEquals(true, job.get("encrypted"));
        assertFalse(f.get(BackupCollector.KEY).orElseThrow().toString().contains("hunter2"));
    }

    @Test
    void debiansPgDumpTemplateTimerEnabledForACluster() {
        symlink(root, "/etc/systemd/system/postgresql@15-main.service.wants/pg_dump@15-main.timer", "/lib/systemd/system/pg_dump@.timer");
        aged(mkdir(root, "/var/backups/postgresql/15-main/2026-11-16T010203Z.dump"), Duration.ofDays(7));
        Map<String, Object> job = jobs(collect()).get(0);
        assertEquals("pg_backupcluster", job.get("tool"));
        assertEquals("weekly", job.get("schedule"));
        assertEquals("postgres", job.get("user"));
        assertEquals("/usr/bin/pg_backupcluster 15-main dump", job.get("command"));
        assertEquals("/var/backups/postgresql/15-main", job.get("location"));
        assertEquals(168L, job.get("newest_age_hours"));
    }

    @Test
    void locationKnownButNothingThere() {
        write(root, "/etc/cron.d/tarball", "0 5 * * * root tar -czf /srv/backup/etc-$(date +\\%u).tgz /etc\n");
        Map<String, Object> job = jobs(collect()).get(0);
        assertEquals("tar", job.get("tool"));
        assertEquals("missing", job.get("artefact"));
        assertEquals("unknown", job.get("newest_age_hours"));
    }

    @Test
    void rsnapshotAndRsyncToABackupPath() {
        write(root, "/etc/cron.d/rsnapshot", "30 3 * * * root /usr/bin/rsnapshot daily\n"
                + "0 4 * * * root rsync -a --delete /var/lib/prosody/ /mnt/backup/prosody/\n"
                + "0 6 * * * root rsync -a /srv/www/ /srv/mirror/\n");
        write(root, "/etc/rsnapshot.conf", "config_version\t1.2\nsnapshot_root\t/var/cache/rsnapshot/\nretain\tdaily\t7\n");
        aged(mkdir(root, "/var/cache/rsnapshot/daily.0"), Duration.ofHours(8));
        aged(mkdir(root, "/var/cache/rsnapshot/daily.1"), Duration.ofHours(32));
        List<Map<String, Object>> jobs = jobs(collect());
        assertEquals(2, jobs.size(), "rsync to /srv/mirror is not a backup path: " + jobs);
        assertEquals("/var/cache/rsnapshot", jobs.get(0).get("location"));
        assertEquals(8L, jobs.get(0).get("newest_age_hours"));
        assertEquals("/mnt/backup/prosody", jobs.get(1).get("location"));
        assertEquals("missing", jobs.get(1).get("artefact"));
    }

    @Test
    void runPartsScriptInCronDailyWithSuDashC() {
        chmod(write(root, "/etc/cron.daily/mastodon-db", """
                #!/bin/bash
                set -e
                DEST=/var/backups/mastodon
                su - mastodon -c "pg_dump -Fc mastodon_production > $DEST/db.dump"
                """), "rwxr-xr-x");
        write(root, "/etc/cron.daily/not-executable", "pg_dump x > /var/backups/y.sql\n");
        write(root, "/etc/cron.daily/with.dot", "pg_dump x > /var/backups/y.sql\n");
        chmod(root.resolve("etc/cron.daily/with.dot"), "rwxr-xr-x");
        aged(write(root, "/var/backups/mastodon/db.dump", "x"), Duration.ofHours(3));
        List<Map<String, Object>> jobs = jobs(collect());
        assertEquals(1, jobs.size(), jobs.toString());
        assertEquals("daily", jobs.get(0).get("schedule"));
        assertEquals("/var/backups/mastodon/db.dump", jobs.get(0).get("location"));
        assertEquals("/etc/cron.daily/mastodon-db:4", jobs.get(0).get("source"));
    }

    @Test
    void borgmaticReadsItsRepositories() {
        write(root, "/etc/cron.d/borgmatic", "0 3 * * * root PATH=$PATH:/usr/bin:/usr/local/bin /usr/bin/borgmatic --verbosity -2 --syslog-verbosity 1\n");
        write(root, "/etc/borgmatic/config.yaml", """
                source_directories:
                    - /etc
                    - /home
                repositories:
                    - path: ssh://k8pDxu32@k8pDxu32.repo.borgbase.com/./repo
                      label: borgbase
                    - path: /var/lib/borg-local
                encryption_passphrase: "not for the report"
                """);
        List<Map<String, Object>> jobs = jobs(collect());
        assertEquals(2, jobs.size());
        assertEquals("borgmatic", jobs.get(0).get("tool"));
        assertEquals("ssh://k8pDxu32@k8pDxu32.repo.borgbase.com/./repo", jobs.get(0).get("location"));
        assertEquals("missing", jobs.get(1).get("artefact"));
    }

    @Test
    void timerThatIsNotEnabledIsIgnored() {
        write(root, "/etc/systemd/system/restic.timer", "[Timer]\nOnCalendar=daily\n");
        write(root, "/etc/systemd/system/restic.service", "[Service]\nExecStart=/usr/bin/restic -r /srv/r backup /etc\n");
        assertEquals(List.of(), jobs(collect()));
    }

    @Test
    void unreadableSpoolWithoutAnyJobIsAnError() {
        mkdir(root, "/var/spool/cron/crontabs");
        FactSet f = collect(new CannedTarget(root).offline().deny("/var/spool/cron/crontabs"));
        Unavailable u = f.whyMissing(BackupCollector.KEY).orElseThrow();
        assertEquals(Unavailable.Kind.ERROR, u.kind());
        assertTrue(u.reason().contains("/var/spool/cron/crontabs: permission denied"), u.reason());
    }

    @Test
    void unreadableSpoolButAJobElsewhereStillCounts() {
        write(root, "/etc/cron.d/pg", "0 1 * * * postgres pg_dumpall > /var/backups/all.sql\n");
        mkdir(root, "/var/spool/cron/crontabs");
        FactSet f = collect(new CannedTarget(root).offline().deny("/var/spool/cron/crontabs"));
        Fact fact = f.get(BackupCollector.KEY).orElseThrow();
        assertEquals(1, ((List<?>) fact.value()).size());
        assertTrue(fact.evidence().stream().anyMatch(e -> e.source().equals("unreadable")));
    }

    @Test
    void aCopyOfSomeConfigFilesWithoutSchedulersCannotTell(@TempDir Path bare) {
        write(bare, "/etc/ssh/sshd_config", "Port 22\n");
        Unavailable u = collect(new DirTarget(bare, Limits.DEFAULT)).whyMissing(BackupCollector.KEY).orElseThrow();
        assertEquals(Unavailable.Kind.NOT_APPLICABLE, u.kind());
    }

    @Test
    void brokenAndBinaryFilesDoNotStopTheSearch() {
        write(root, "/etc/cron.d/garbage", "this is not cron\n\u0001\u0002\n* * *\n");
        write(root, "/etc/cron.d/binary", "\u0000\u0000\u0000");
        write(root, "/etc/systemd/system/broken.timer", "[Timer\nOnCalendar=daily\n");
        symlink(root, "/etc/systemd/system/timers.target.wants/broken.timer", "/etc/systemd/system/broken.timer");
        write(root, "/etc/cron.d/loop", "0 1 * * * root /usr/local/bin/loop.sh\n");
        symlink(root, "/usr/local/bin/loop.sh", "/usr/local/bin/loop.sh");
        write(root, "/etc/cron.d/pg", "0 1 * * * postgres pg_dumpall -f /var/backups/all.sql\n");
        FactSet f = collect();
        assertEquals(1, jobs(f).size());
    }
}
