package de.tomaudit.parse.logrotate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LogrotateConfigResolverTest {

    /** Files and directories in memory; a mode per file (0644 unless set). */
    static final class MemorySource implements LogrotateSource {
        final Map<String, String> files = new HashMap<>();
        final Map<String, Integer> modes = new HashMap<>();

        MemorySource file(String path, String text) {
            files.put(path, text);
            return this;
        }

        @Override
        public Optional<Entry> stat(String path) {
            if (files.containsKey(path)) {
                return Optional.of(new Entry(Kind.FILE, modes.getOrDefault(path, 0644)));
            }
            String dir = path.endsWith("/") ? path : path + "/";
            return files.keySet().stream().anyMatch(f -> f.startsWith(dir))
                    ? Optional.of(new Entry(Kind.DIRECTORY, 0755)) : Optional.empty();
        }

        @Override
        public List<String> list(String dir) {
            String d = dir.endsWith("/") ? dir : dir + "/";
            return files.keySet().stream().filter(f -> f.startsWith(d)).map(f -> f.substring(d.length()))
                    .filter(n -> !n.contains("/")).sorted().toList();
        }

        @Override
        public String read(String path) throws LogrotateSourceException {
            String t = files.get(path);
            if (t == null) {
                throw new LogrotateSourceException(path + " does not exist");
            }
            return t;
        }
    }

    private static final String DEBIAN_CONF = "weekly\nrotate 4\ncreate\ninclude /etc/logrotate.d\n";

    @Test
    void globalDefaultsFlowIntoIncludedDefinitionsAndLeakOutOfIncludedFiles() {
        MemorySource src = new MemorySource()
                .file("/etc/logrotate.conf", DEBIAN_CONF + "/var/log/late.log {\n}\n")
                .file("/etc/logrotate.d/a", "daily\nrotate 9\n/var/log/a.log {\n}\n")
                .file("/etc/logrotate.d/b", "/var/log/b.log {\n monthly\n rotate 2\n}\n");
        LogrotateConfig c = LogrotateConfigResolver.load(src, "/etc/logrotate.conf");
        assertTrue(c.problems().isEmpty(), c.problems().toString());
        LogrotateSettings a = c.ruleFor("/var/log/a.log").orElseThrow().settings();
        assertEquals(LogrotateInterval.DAILY, a.interval());
        assertEquals(9, a.rotate());
        assertEquals(Optional.of(9L), a.retentionDays());
        LogrotateSettings b = c.ruleFor("/var/log/b.log").orElseThrow().settings();
        assertEquals(Optional.of(62L), b.retentionDays());
        assertEquals("/etc/logrotate.d/b:3", b.rotateSource());
        LogrotateSettings late = c.ruleFor("/var/log/late.log").orElseThrow().settings();
        assertEquals(LogrotateInterval.DAILY, late.interval(), "globals of an included file apply afterwards, as in logrotate");
        assertEquals("/etc/logrotate.d/a:1", late.intervalSource());
    }

    @Test
    void builtInDefaultsAreSizeBasedAndUnbounded() {
        MemorySource src = new MemorySource().file("/etc/logrotate.conf", "/var/log/x.log {\n rotate 3\n}\n");
        LogrotateSettings s = LogrotateConfigResolver.load(src, "/etc/logrotate.conf").ruleFor("/var/log/x.log")
                .orElseThrow().settings();
        assertEquals(LogrotateInterval.SIZE, s.interval());
        assertFalse(s.bounded());
        assertTrue(s.unboundedReason().orElseThrow().contains("size"));
    }

    @Test
    void retentionRules() {
        LogrotateSettings daily14 = LogrotateSettings.BUILT_IN.withInterval(LogrotateInterval.DAILY, "x").withRotate(14, "y");
        assertEquals(Optional.of(14L), daily14.retentionDays());
        assertEquals(Optional.of(15L), daily14.maxEntryAgeDays());
        assertEquals(Optional.of(5L), daily14.withMaxAge(Optional.of(5L), "z").retentionDays());
        assertEquals(Optional.of(6L), daily14.withMaxAge(Optional.of(5L), "z").maxEntryAgeDays());
        LogrotateSettings forever = daily14.withRotate(-1, "r");
        assertFalse(forever.bounded());
        assertEquals(Optional.of(30L), forever.withMaxAge(Optional.of(30L), "m").retentionDays());
        assertFalse(daily14.withMinSize(1024, "ms").bounded(), "a quiet log with minsize is never rotated");
        assertEquals(Optional.of(0L), daily14.withRotate(0, "r").retentionDays());
        assertEquals(Optional.of(1L), daily14.withRotate(0, "r").maxEntryAgeDays());
        LogrotateSettings hourly = daily14.withInterval(LogrotateInterval.HOURLY, "h");
        assertEquals(Optional.of(14L), hourly.retentionDays(), "logrotate runs daily unless reconfigured");
        assertFalse(daily14.withInterval(LogrotateInterval.SIZE, "s").withMaxAge(Optional.of(3L), "m").bounded(),
                "maxage is only applied when the log is rotated");
    }

    @Test
    void lastIntervalWinsAndSizeOverridesTime() {
        MemorySource src = new MemorySource().file("/etc/logrotate.conf",
                "/var/log/x.log {\n daily\n size 10M\n rotate 2\n}\n/var/log/y.log {\n size 1k\n weekly\n rotate 2\n}\n");
        LogrotateConfig c = LogrotateConfigResolver.load(src, "/etc/logrotate.conf");
        assertEquals(LogrotateInterval.SIZE, c.ruleFor("/var/log/x.log").orElseThrow().settings().interval());
        assertEquals(LogrotateInterval.WEEKLY, c.ruleFor("/var/log/y.log").orElseThrow().settings().interval());
    }

    @Test
    void aBadValueInADefinitionDropsOnlyThatDefinition() {
        MemorySource src = new MemorySource().file("/etc/logrotate.conf",
                "daily\n/var/log/a.log {\n rotate x\n}\n/var/log/b.log {\n rotate 3\n}\n");
        LogrotateConfig c = LogrotateConfigResolver.load(src, "/etc/logrotate.conf");
        assertTrue(c.ruleFor("/var/log/a.log").isEmpty());
        assertTrue(c.ruleFor("/var/log/b.log").isPresent());
        assertTrue(c.problems().stream().anyMatch(p -> p.source().equals("/etc/logrotate.conf:3")), c.problems().toString());
    }

    @Test
    void aBadGlobalValueDropsTheFileAndRestoresTheDefaults() {
        MemorySource src = new MemorySource()
                .file("/etc/logrotate.conf", DEBIAN_CONF + "/var/log/after.log {\n}\n")
                .file("/etc/logrotate.d/a", "daily\n/var/log/a.log {\n}\nrotate zz\n")
                .file("/etc/logrotate.d/b", "/var/log/b.log {\n}\n");
        LogrotateConfig c = LogrotateConfigResolver.load(src, "/etc/logrotate.conf");
        assertTrue(c.ruleFor("/var/log/a.log").isEmpty());
        LogrotateSettings b = c.ruleFor("/var/log/b.log").orElseThrow().settings();
        assertEquals(LogrotateInterval.WEEKLY, b.interval(), "the failed file's daily does not stay");
        assertTrue(c.ruleFor("/var/log/after.log").isPresent());
        assertTrue(c.problems().stream().anyMatch(p -> p.toString().startsWith("/etc/logrotate.d/a:4: bad rotation count")),
                c.problems().toString());
    }

    @Test
    void tabooExtensionsAndWritableFilesAreSkippedHiddenFilesAreRead() {
        MemorySource src = new MemorySource()
                .file("/etc/logrotate.conf", DEBIAN_CONF)
                .file("/etc/logrotate.d/nginx.dpkg-old", "/var/log/old.log {\n}\n")
                .file("/etc/logrotate.d/writable", "/var/log/w.log {\n}\n")
                .file("/etc/logrotate.d/.hidden", "/var/log/h.log {\n}\n");
        src.modes.put("/etc/logrotate.d/writable", 0664);
        LogrotateConfig c = LogrotateConfigResolver.load(src, "/etc/logrotate.conf");
        assertTrue(c.ruleFor("/var/log/old.log").isEmpty());
        assertTrue(c.ruleFor("/var/log/w.log").isEmpty());
        assertTrue(c.ruleFor("/var/log/h.log").isPresent());
        assertTrue(c.problems().stream().anyMatch(p -> p.toString().contains("writable by group or others")));
    }

    @Test
    void theFirstMatchingDefinitionWins() {
        MemorySource src = new MemorySource().file("/etc/logrotate.conf",
                "/var/log/nginx/*.log {\n daily\n rotate 3\n}\n/var/log/nginx/access.log {\n daily\n rotate 99\n}\n");
        LogrotateConfig c = LogrotateConfigResolver.load(src, "/etc/logrotate.conf");
        assertEquals(3, c.ruleFor("/var/log/nginx/access.log").orElseThrow().settings().rotate());
    }

    @Test
    void includeLoopsAndMissingIncludesAreReportedNotFatal() {
        MemorySource src = new MemorySource()
                .file("/etc/logrotate.conf", "include /etc/missing\ninclude /etc/logrotate.conf\n/var/log/a.log {\n daily\n}\n");
        LogrotateConfig c = LogrotateConfigResolver.load(src, "/etc/logrotate.conf");
        assertTrue(c.problems().stream().anyMatch(p -> p.message().contains("cannot stat /etc/missing")));
        assertTrue(c.problems().stream().anyMatch(p -> p.message().contains("include loop")));
        assertTrue(c.ruleFor("/var/log/a.log").isPresent());
    }

    @Test
    void patternsMatchLikeGlob() {
        assertTrue(LogrotatePatterns.matches("/var/log/nginx/*.log", "/var/log/nginx/access.log"));
        assertFalse(LogrotatePatterns.matches("/var/log/nginx/*.log", "/var/log/nginx/sub/access.log"));
        assertFalse(LogrotatePatterns.matches("/var/log/nginx/*.log", "/var/log/nginx/.hidden.log"));
        assertFalse(LogrotatePatterns.matches("/var/log/nginx/*.log", "/var/log/nginx/access.log.1"));
        assertTrue(LogrotatePatterns.matches("/var/log/*/access.log", "/var/log/nginx/access.log"));
        assertTrue(LogrotatePatterns.matches("/var/log/nginx/access.log", "/var/log/nginx/access.log"));
        assertTrue(LogrotatePatterns.matches("/var/log/x[0-9].log", "/var/log/x1.log"));
        assertFalse(LogrotatePatterns.matches("/var/log/[", "/var/log/x"));
    }

    @Test
    void sizesThatOverflowAreOutOfRangeAtTheirLineAndNotRepeated() {
        // logrotate skips a file at its first problem: one absurd value per file
        MemorySource src = new MemorySource().file("/etc/logrotate.conf", "include /etc/logrotate.d\n")
                .file("/etc/logrotate.d/a", "/var/log/a.log {\n  size 9999999999999G\n}\n")
                .file("/etc/logrotate.d/b", "/var/log/b.log {\n  maxsize 99999999999999999999\n}\n")
                .file("/etc/logrotate.d/c", "/var/log/c.log {\n  minsize 8589934592G\n}\n")
                .file("/etc/logrotate.d/d", "/var/log/d.log {\n  weekly 9\n}\n");
        LogrotateConfig c = LogrotateConfigResolver.load(src, "/etc/logrotate.conf");
        List<String> problems = c.problems().stream().map(Object::toString).toList();
        for (String at : List.of("/etc/logrotate.d/a:2: value out of range", "/etc/logrotate.d/b:2: value out of range",
                "/etc/logrotate.d/c:2: value out of range", "/etc/logrotate.d/d:2: bad weekly value")) {
            assertTrue(problems.stream().anyMatch(p -> p.startsWith(at)), at + " in " + problems);
        }
        assertTrue(problems.stream().noneMatch(p -> p.contains("9999") || p.contains("8589934592")), "values not repeated: " + problems);
    }
}
