package de.tomaudit.collect.bbb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.facts.Fact;
import de.tomaudit.facts.FactSet;
import de.tomaudit.facts.Retention;
import de.tomaudit.facts.Secret;
import de.tomaudit.facts.Unavailable;
import de.tomaudit.target.Command;
import de.tomaudit.target.CommandResult;
import de.tomaudit.target.DirEntry;
import de.tomaudit.target.DirTarget;
import de.tomaudit.target.FileContent;
import de.tomaudit.target.FileStat;
import de.tomaudit.target.Limits;
import de.tomaudit.target.Target;
import de.tomaudit.target.TargetException;
import java.util.Optional;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BbbCollectorTest {
    private static final String SALT = "q8Zt3vXw9pLk2mNb7cRf4sHd6jGy1aEu5oTi0WxQzVn";

    static Map<?, ?> map(FactSet f, String key) {
        return (Map<?, ?>) f.get(key).orElseThrow(() -> new AssertionError(key + " missing: " + f.whyMissing(key))).value();
    }

    static Map<?, ?> recording(FactSet f, String kind) {
        for (Object o : (List<?>) f.get("bbb.recordings").orElseThrow(() -> new AssertionError(String.valueOf(
                f.whyMissing("bbb.recordings")))).value()) {
            if (kind.equals(((Map<?, ?>) o).get("kind"))) {
                return (Map<?, ?>) o;
            }
        }
        throw new AssertionError(kind);
    }

    static String everything(FactSet f) {
        StringBuilder b = new StringBuilder();
        f.all().values().forEach(x -> b.append(x).append('\n'));
        f.unavailable().forEach(x -> b.append(x).append('\n'));
        f.retentions().forEach(x -> b.append(x).append('\n'));
        f.processors().forEach(x -> b.append(x).append('\n'));
        return b.toString();
    }

    @Test
    void notInstalledIsNotApplicable(@TempDir Path root) {
        FactSet f = new BbbRoot(root).collect();
        assertEquals(false, f.get("bbb.installed").orElseThrow().value());
        assertEquals(Unavailable.Kind.NOT_APPLICABLE, f.whyMissing("bbb.recordings").orElseThrow().kind());
    }

    @Test
    void theOverridesLineDecidesAndTheDefaultsLineOtherwise(@TempDir Path root) throws Exception {
        BbbRoot r = BbbRoot.upstream(root).write(BbbPaths.WEB_OVERRIDE, "#\n# overrides\n\nsecuritySalt=" + SALT
                + "\nbigbluebutton.web.serverURL=https://bbb.example.org\ndisableRecordingDefault=true\n");
        FactSet f = r.collect();
        Fact rec = f.get("bbb.web.disablerecordingdefault").orElseThrow();
        assertEquals("true", rec.value());
        assertEquals(BbbPaths.WEB_OVERRIDE + ":6", rec.evidence().get(0).source());
        Fact guest = f.get("bbb.web.defaultguestpolicy").orElseThrow();
        assertEquals(BbbPaths.WEB_DEFAULTS + ":254", guest.evidence().get(0).source());
        Secret s = (Secret) f.get("bbb.shared_secret").orElseThrow().value();
        assertEquals(Secret.of(SALT), s);
        assertEquals(BbbPaths.WEB_OVERRIDE + ":4", f.get("bbb.shared_secret").orElseThrow().evidence().get(0).source());
        assertFalse(everything(f).contains(SALT), "the raw salt never reaches a fact");
        assertFalse(everything(f).contains("330a8b08c3b4c61533e1d0c5ce1ac88f"), "nor the sample salt");
    }

    @Test
    void theUpstreamCleanupKeepsRawDataOfPublishedRecordingsForever(@TempDir Path root) throws Exception {
        BbbRoot r = BbbRoot.upstream(root);
        String old = BbbRoot.recordId(1, Duration.ofDays(40));
        r.dir("/var/bigbluebutton/recording/raw/" + old, Duration.ofDays(40));
        r.write("/var/bigbluebutton/recording/status/published/" + old + "-presentation.done", "");
        FactSet f = r.collect();
        Map<?, ?> raw = recording(f, "raw");
        assertEquals(-1L, raw.get("retention_seconds"));
        assertEquals(Duration.ofDays(40).getSeconds(), raw.get("oldest_age_seconds"));
        assertEquals(false, map(f, "bbb.raw_oldest").get("deleted_by_cleanup"));
        assertTrue(String.valueOf(raw.get("source")).contains("/etc/cron.daily/bigbluebutton:121"), raw.toString());

        // the same script with the call active and the override sourced: published_days from the override decides
        String script = Files.readString(r.path(BbbPaths.CRON)).replace("#remove_raw_of_published_recordings",
                "remove_raw_of_published_recordings").replace("log_history=28\n",
                "log_history=28\n[ -f /etc/default/bigbluebutton-cron-config ] && source /etc/default/bigbluebutton-cron-config\n");
        r.write(BbbPaths.CRON, script).write(BbbPaths.CRON_OVERRIDE, "# local\npublished_days=30\n");
        FactSet g = r.collect();
        Map<?, ?> raw2 = recording(g, "raw");
        assertEquals(Duration.ofDays(30).getSeconds(), raw2.get("retention_seconds"));
        assertEquals(true, map(g, "bbb.raw_oldest").get("deleted_by_cleanup"));
        assertTrue(((List<?>) map(g, "bbb.cleanup").get("calls")).stream().map(c -> (Map<?, ?>) c)
                .anyMatch(c -> c.get("function").equals("remove_raw_of_published_recordings") && c.get("active").equals(true)));
        Retention rawRetention = g.retentions().stream().filter(x -> x.subject().contains("raw")).findFirst().orElseThrow();
        assertEquals("P30D", rawRetention.period().orElseThrow());
        assertFalse(rawRetention.verified().orElseThrow().holds(), "40 days old against 30 days");
    }

    @Test
    void aCommandSubstitutionInTheOverrideIsReportedAndNeverRun(@TempDir Path root) throws Exception {
        BbbRoot r = BbbRoot.upstream(root);
        Path canary = root.resolve("ran");
        String script = Files.readString(r.path(BbbPaths.CRON)).replace("log_history=28\n",
                "log_history=28\nsource /etc/default/bigbluebutton-cron-config\n");
        r.write(BbbPaths.CRON, script).write(BbbPaths.CRON_OVERRIDE, "history=5\nunrecorded_days=$(touch " + canary
                + "; echo 3)\nlog_history=`touch " + canary + "`\n");
        FactSet f = r.collect();
        assertFalse(Files.exists(canary), "nothing of the override ran");
        Unavailable u = f.whyMissing("bbb.cleanup.override").orElseThrow();
        assertEquals(Unavailable.Kind.ERROR, u.kind());
        assertTrue(f.unavailable().stream().anyMatch(x -> x.reason().startsWith(BbbPaths.CRON_OVERRIDE + ":2: command substitution")),
                f.unavailable()::toString);
        Unavailable recordings = f.whyMissing("bbb.recordings").orElseThrow();
        assertEquals(Unavailable.Kind.ERROR, recordings.kind());
        assertTrue(recordings.reason().contains(BbbPaths.CRON_OVERRIDE + ":2"), recordings.reason());
        assertTrue(f.whyMissing("bbb.log_retention").orElseThrow().reason().contains(BbbPaths.CRON_OVERRIDE + ":3"),
                f.whyMissing("bbb.log_retention").toString());
    }

    @Test
    void aPublishedRecordingsJobInCronDailyIsFoundAndItsPeriodVerified(@TempDir Path root) throws Exception {
        BbbRoot r = BbbRoot.upstream(root).write("/etc/cron.daily/bbb-recording-cleanup", "#!/bin/sh\n"
                + "find /var/bigbluebutton/published /var/bigbluebutton/unpublished -mindepth 2 -maxdepth 2 -type d -mtime +30 -exec rm -rf {} +\n");
        r.dir("/var/bigbluebutton/published/presentation/" + BbbRoot.recordId(2, Duration.ofDays(20)), Duration.ofDays(20));
        r.dir("/var/bigbluebutton/published/video/" + BbbRoot.recordId(3, Duration.ofDays(25)), Duration.ofDays(25));
        FactSet f = r.collect();
        Map<?, ?> pub = recording(f, "published");
        assertEquals(Duration.ofDays(30).getSeconds(), pub.get("retention_seconds"));
        assertEquals(Duration.ofDays(25).getSeconds(), pub.get("oldest_age_seconds"));
        assertEquals(2L, pub.get("count"));
        // unpublished is not named as the find's first directory: only the first is read, so it stays unbounded
        r.dir("/var/bigbluebutton/published/video/" + BbbRoot.recordId(4, Duration.ofDays(45)), Duration.ofDays(45));
        Retention ret = r.collect().retentions().stream().filter(x -> x.subject().contains("published recordings")).findFirst().orElseThrow();
        assertFalse(ret.verified().orElseThrow().holds());
        assertTrue(ret.verified().orElseThrow().oldest().contains("45 days"), ret.toString());
    }

    /**
     * 100,000 raw recordings (and ids without a time beyond the stat bound), listed by a target that holds them in
     * memory: the collector's cost and bounds are what is tested, not this machine's disk.
     */
    @Test
    void oneHundredThousandRecordingDirectoriesStillGiveTheOldest(@TempDir Path root) throws Exception {
        BbbRoot r = BbbRoot.upstream(root);
        int n = 100_000;
        List<DirEntry> entries = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            entries.add(new DirEntry(BbbRoot.recordId(i, Duration.ofMinutes(10L * ((i * 7919L) % n))), FileStat.Type.DIRECTORY));
        }
        for (int i = 0; i < 3 * RecordingStore.MAX_STATS; i++) {
            entries.add(new DirEntry("not-a-record-id-" + i, FileStat.Type.DIRECTORY));
        }
        int[] stats = {0};
        Target many = new ListingTarget(new DirTarget(root, Limits.DEFAULT), "/var/bigbluebutton/recording/raw", entries, stats);
        long start = System.nanoTime();
        FactSet f = BbbRoot.collect(many);
        Map<?, ?> m = recording(f, "raw");
        assertEquals((long) n + RecordingStore.MAX_STATS, m.get("count"), "ids without a time beyond the stat bound are left out");
        assertEquals(Duration.ofMinutes(10L * (n - 1)).getSeconds(), m.get("oldest_age_seconds"));
        assertTrue(f.get("bbb.recording_store_problems").orElseThrow().value().toString().contains("were not stat'ed"));
        assertTrue(stats[0] <= RecordingStore.MAX_STATS, "stats: " + stats[0]);
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(30).toNanos());
    }

    /** A dir: root whose one directory lists the given entries; stats of those entries count and answer "now". */
    private record ListingTarget(DirTarget dir, String listed, List<DirEntry> entries, int[] stats) implements Target {
        @Override public String name() { return dir.name(); }
        @Override public String address() { return dir.address(); }
        @Override public boolean canRunCommands() { return false; }
        @Override public FileContent read(String path) throws TargetException { return dir.read(path); }
        @Override public Optional<FileStat> stat(String path) throws TargetException {
            if (path.startsWith(listed + "/")) {
                stats[0]++;
                return Optional.of(new FileStat(path, FileStat.Type.DIRECTORY, 0755, "root", "root", 0, BbbRoot.NOW));
            }
            return dir.stat(path);
        }
        @Override public List<DirEntry> list(String d) throws TargetException { return d.equals(listed) ? entries : dir.list(d); }
        @Override public CommandResult run(Command c) throws TargetException { return dir.run(c); }
        @Override public List<String> glob(String pattern) throws TargetException { return dir.glob(pattern); }
    }

    @Test
    void aSymlinkLoopUnderVarBigbluebuttonIsAnErrorNotAHang(@TempDir Path root) throws Exception {
        BbbRoot r = BbbRoot.upstream(root);
        Path published = r.path("/var/bigbluebutton/published");
        Files.createDirectories(published);
        Files.createSymbolicLink(published.resolve("presentation"), Path.of("presentation"));
        Path raw = r.path("/var/bigbluebutton/recording/raw");
        Files.createDirectories(raw);
        Files.createSymbolicLink(raw.resolve("loop"), Path.of("/var/bigbluebutton/recording"));
        FactSet f = r.collect();
        assertTrue(f.get("bbb.recording_store_problems").orElseThrow().value().toString()
                .contains("/var/bigbluebutton/published/presentation"), everything(f));
        assertEquals(Unavailable.Kind.ERROR, f.whyMissing("bbb.recording_store").orElseThrow().kind());
        assertTrue(f.get("bbb.recordings").isPresent(), "the rest is still known");
    }

    @Test
    void brokenPropertiesAreAnErrorWithFileAndLine(@TempDir Path root) throws Exception {
        BbbRoot r = BbbRoot.upstream(root).write(BbbPaths.WEB_OVERRIDE, "a=1\nsecuritySalt=\\uQ7xZsecretrest\n");
        FactSet f = r.collect();
        Unavailable u = f.whyMissing("bbb.web.defaultguestpolicy").orElseThrow();
        assertEquals(Unavailable.Kind.ERROR, u.kind());
        assertTrue(u.reason().startsWith(BbbPaths.WEB_OVERRIDE + ":2"), u.reason());
        assertEquals(Unavailable.Kind.ERROR, f.whyMissing("bbb.shared_secret").orElseThrow().kind(), "not the defaults' salt");
        assertTrue(f.get("bbb.web.disablerecordingdefault").isEmpty(), "no setting is known past a broken file");
        assertFalse(everything(f).contains("Q7xZ"), "no part of the value in the error");
        r.write(BbbPaths.WEB_OVERRIDE, "disableRecordingDefault=${x}\nx=${disableRecordingDefault}\n");
        FactSet g = r.collect();
        Unavailable cycle = g.whyMissing("bbb.web.disablerecordingdefault").orElseThrow();
        assertEquals(Unavailable.Kind.ERROR, cycle.kind());
        assertTrue(cycle.reason().startsWith(BbbPaths.WEB_OVERRIDE + ":1"), cycle.reason());
        assertEquals("ALWAYS_ACCEPT", g.get("bbb.web.defaultguestpolicy").orElseThrow().value());
    }

    @Test
    void freeswitchXmlWithEntitiesIsRefused(@TempDir Path root) throws Exception {
        Path secretOnAuditor = root.resolve("auditor-secret.txt");
        Files.writeString(secretOnAuditor, "AUDITOR-FILE-CONTENT");
        BbbRoot r = BbbRoot.upstream(root).write("/opt/freeswitch/etc/freeswitch" + BbbPaths.ESL,
                "<?xml version=\"1.0\"?>\n<!DOCTYPE c [<!ENTITY x SYSTEM \"file://" + secretOnAuditor + "\">]>\n"
                + "<configuration><settings><param name=\"password\" value=\"&x;\"/></settings></configuration>\n");
        FactSet f = r.collect();
        Unavailable u = f.whyMissing("bbb.freeswitch.esl").orElseThrow();
        assertEquals(Unavailable.Kind.ERROR, u.kind());
        assertTrue(u.reason().contains("DOCTYPE refused"), u.reason());
        assertFalse(everything(f).contains("AUDITOR-FILE-CONTENT"));
    }

    @Test
    void eventSocketSipProfileCoturnAndTurnServers(@TempDir Path root) throws Exception {
        BbbRoot r = BbbRoot.upstream(root)
                .write(BbbPaths.WEB_OVERRIDE, "bigbluebutton.web.serverURL=https://bbb.example.org\n")
                .write("/opt/freeswitch/etc/freeswitch" + BbbPaths.ESL, """
                        <configuration name="event_socket.conf" description="Socket Client">
                          <settings>
                            <param name="nat-map" value="false"/>
                            <param name="listen-ip" value="127.0.0.1"/>
                            <param name="listen-port" value="8021"/>
                            <param name="password" value="ClueCon"/>
                          </settings>
                        </configuration>
                        """)
                .write("/opt/freeswitch/etc/freeswitch" + BbbPaths.FS_VARS,
                        "<include>\n  <X-PRE-PROCESS cmd=\"set\" data=\"external_sip_port=5060\"/>\n</include>\n")
                .write(BbbPaths.COTURN, "listening-port=3478\ntls-listening-port=443\nuse-auth-secret\n"
                        + "static-auth-secret=verysecretvalue123\nno-tlsv1\nno-tlsv1_1\nno-cli\n"
                        + "denied-peer-ip=10.0.0.0-10.255.255.255\ndenied-peer-ip=172.16.0.0-172.31.255.255\n"
                        + "denied-peer-ip = 192.168.0.0-192.168.255.255\n")
                .write(BbbPaths.TURN_STUN_OVERRIDE, """
                        <beans xmlns="http://www.springframework.org/schema/beans">
                          <bean id="stun0" class="org.bigbluebutton.web.services.turn.StunServer">
                            <constructor-arg index="0" value="stun:stun.example.net"/>
                          </bean>
                          <bean id="turn0" class="org.bigbluebutton.web.services.turn.TurnServer">
                            <constructor-arg index="0" value="turnsecretvalue"/>
                            <constructor-arg index="1" value="turns:bbb.example.org:443?transport=tcp"/>
                            <constructor-arg index="2" value="86400"/>
                          </bean>
                          <bean id="turn1" class="org.bigbluebutton.web.services.turn.TurnServer">
                            <constructor-arg index="0" value="turnsecretvalue"/>
                            <constructor-arg index="1" value="turn:turn.provider.example:3478?transport=udp"/>
                            <constructor-arg index="2" value="86400"/>
                          </bean>
                        </beans>
                        """);
        FactSet f = r.collect();
        Map<?, ?> esl = map(f, "bbb.freeswitch.esl");
        assertEquals(true, esl.get("loopback"));
        assertEquals(Secret.of("ClueCon"), esl.get("password"));
        assertEquals("/opt/freeswitch/etc/freeswitch/autoload_configs/event_socket.conf.xml:6",
                f.get("bbb.freeswitch.esl").orElseThrow().evidence().get(2).source());
        Map<?, ?> sip = map(f, "bbb.freeswitch.sip_external");
        assertEquals("5060", sip.get("sip_port"));
        assertEquals(true, sip.get("unencrypted_reachable"));
        Map<?, ?> turn = map(f, "bbb.coturn");
        assertEquals(true, turn.get("denies_private_ranges"));
        assertEquals(Secret.of("verysecretvalue123"), turn.get("static_auth_secret"));
        assertEquals(2, f.processors().size(), f.processors()::toString);
        assertEquals(List.of("stun.example.net", "turn.provider.example"), f.processors().stream().map(p -> p.host()).toList());
        assertEquals("unknown", f.processors().get(0).jurisdiction());
        assertEquals(BbbPaths.TURN_STUN_OVERRIDE + ":3", f.processors().get(0).source());
        String all = everything(f);
        for (String secret : List.of("ClueCon", "verysecretvalue123", "turnsecretvalue")) {
            assertFalse(all.contains(secret), secret + " leaked");
        }
    }
}
