package de.tomaudit.collect.bbb;

import de.tomaudit.facts.FactSet;
import de.tomaudit.target.DirTarget;
import de.tomaudit.target.Limits;
import de.tomaudit.target.Target;
import de.tomaudit.testsupport.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;

/** A BigBlueButton file system under a temporary root: the upstream files as installed, plus what a test adds. */
public final class BbbRoot {
    static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    public final Path root;

    BbbRoot(Path root) {
        this.root = root;
    }

    /** The upstream files of shared/fixtures/bigbluebutton at their installed paths (the test skips without them). */
    public static BbbRoot upstream(Path root) throws IOException {
        Path f = TestPaths.sharedFixture("bigbluebutton");
        BbbRoot r = new BbbRoot(root);
        r.copy(f.resolve("bigbluebutton.properties"), BbbPaths.WEB_DEFAULTS);
        r.copy(f.resolve("bigbluebutton.yml"), BbbPaths.RECORDING_DEFAULTS);
        r.copy(f.resolve("cron.daily-bigbluebutton"), BbbPaths.CRON);
        r.copy(f.resolve("freeswitch-sip_profiles-external.xml"), "/opt/freeswitch/etc/freeswitch" + BbbPaths.SIP_EXTERNAL);
        return r;
    }

    BbbRoot copy(Path from, String to) throws IOException {
        Path p = path(to);
        Files.createDirectories(p.getParent());
        Files.copy(from, p, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return this;
    }

    BbbRoot write(String path, String text) throws IOException {
        Path p = path(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return this;
    }

    Path path(String targetPath) {
        return root.resolve(targetPath.substring(1));
    }

    /** A recording id as BigBlueButton makes them: sha1 of the external id, dash, creation time in ms. */
    static String recordId(int n, Duration age) {
        String sha = HexFormat.of().formatHex(java.nio.ByteBuffer.allocate(20).putInt(n).array());
        return sha + "-" + NOW.minus(age).toEpochMilli();
    }

    BbbRoot dir(String path, Duration age) throws IOException {
        Path p = path(path);
        Files.createDirectories(p);
        Files.setLastModifiedTime(p, FileTime.from(NOW.minus(age)));
        return this;
    }

    FactSet collect() {
        return collect(new DirTarget(root, Limits.DEFAULT));
    }

    static FactSet collect(Target target) {
        FactSet.Builder b = FactSet.builder();
        new BbbCollector(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(20)).collect(target, b);
        return b.build();
    }
}
