package de.tomaudit.collect.host;

import de.tomaudit.collect.Collector;
import de.tomaudit.collect.PlannedAccess;
import de.tomaudit.collect.Reads;
import de.tomaudit.facts.Evidence;
import de.tomaudit.facts.FactSet;
import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.parse.postgres.HbaFile;
import de.tomaudit.parse.postgres.HbaParser;
import de.tomaudit.parse.postgres.HbaRecord;
import de.tomaudit.parse.postgres.PgConfParser;
import de.tomaudit.parse.postgres.PgConfig;
import de.tomaudit.parse.postgres.PgProblem;
import de.tomaudit.parse.postgres.PgSetting;
import de.tomaudit.parse.sockets.InetLiteral;
import de.tomaudit.target.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL clusters in Debian's layout ({@code /etc/postgresql/<version>/<cluster>/}):
 * postgresql.conf with its includes, then postgresql.auto.conf from the data directory where
 * readable, and pg_hba.conf (the {@code hba_file} setting) with its includes. Produces
 * {@code postgres.installed} and {@code postgres.clusters}: one map per cluster with the
 * effective listen_addresses, ssl, password_encryption, port, the hba records and helper
 * lists ({@code trust_remote}, {@code trust_local}, {@code remote_weak}) so rules stay simple.
 *
 * <p>Defaults when a setting is absent (PostgreSQL documentation, "Connections and
 * Authentication"): listen_addresses 'localhost', port 5432, ssl off, password_encryption
 * scram-sha-256 from PostgreSQL 14 (md5 before).
 */
public final class PostgresCollector implements Collector {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresCollector.class);
    static final String CONF_GLOB = "/etc/postgresql/*/*/postgresql.conf";
    private static final Set<String> STRONG_REMOTE_METHODS = Set.of("scram-sha-256", "cert");

    @Override public String id() { return "postgres"; }
    @Override public Set<String> kinds() { return Set.of("host"); }
    @Override public List<String> provides() { return List.of("postgres"); }

    @Override
    public List<PlannedAccess> plan() {
        return List.of(
                PlannedAccess.read(CONF_GLOB, "PostgreSQL cluster configuration (Debian layout)"),
                PlannedAccess.read("/etc/postgresql/*/*/conf.d/*.conf", "PostgreSQL configuration includes (include_dir and any include the config names)"),
                PlannedAccess.read("/etc/postgresql/*/*/pg_hba.conf", "PostgreSQL client authentication (hba_file, with its includes)"),
                PlannedAccess.read("/etc/postgresql/*/*/start.conf", "whether the cluster starts automatically"),
                PlannedAccess.read("/var/lib/postgresql/*/*/postgresql.auto.conf", "ALTER SYSTEM settings in the data directory (data_directory), where readable"),
                PlannedAccess.list("/etc/postgresql/*/*/conf.d", "include_dir listing"),
                PlannedAccess.stat("/usr/lib/postgresql/*/bin/postgres", "installed PostgreSQL server binaries"));
    }

    @Override
    public void collect(Target target, FactSet.Builder facts) {
        List<String> confs = Reads.glob(target, CONF_GLOB, "postgres", facts);
        if (confs.isEmpty()) {
            if (facts.has("postgres.installed")) {
                return;
            }
            List<String> binaries = globQuietly(target, "/usr/lib/postgresql/*/bin/postgres");
            boolean installed = !binaries.isEmpty();
            facts.put("postgres.installed", installed, installed
                    ? Evidence.file(binaries.get(0), AuditTexts.get("evidence.host.postgres.binary-no-cluster"))
                    : Evidence.file("/etc/postgresql", AuditTexts.get("evidence.host.postgres.no-cluster-conf")));
            if (installed) {
                facts.put("postgres.clusters", List.of(), Evidence.file("/etc/postgresql", AuditTexts.get("evidence.host.postgres.no-cluster")));
            } else {
                facts.notApplicable("postgres.clusters", AuditTexts.get("evidence.host.postgres.not-installed", CONF_GLOB));
            }
            return;
        }
        facts.put("postgres.installed", true, Evidence.file(confs.get(0), AuditTexts.get("evidence.host.postgres.cluster-present")));
        PostgresFiles files = new PostgresFiles(target);
        List<Map<String, Object>> clusters = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (String conf : confs) {
            cluster(conf, files, clusters, evidence, errors);
        }
        if (!errors.isEmpty()) {
            facts.error("postgres.clusters", "parse", String.join("; ", errors));
            return;
        }
        facts.put("postgres.clusters", clusters, evidence);
    }

    private void cluster(String conf, PostgresFiles files, List<Map<String, Object>> out, List<Evidence> evidence,
                         List<String> errors) {
        String[] parts = conf.split("/");
        String version = parts[3];
        String name = parts[4];
        String dir = "/etc/postgresql/" + version + "/" + name;
        PgConfParser confParser = new PgConfParser(files);
        PgConfig config = confParser.parse(conf);
        String dataDir = config.get("data_directory").map(PgSetting::value)
                .orElse("/var/lib/postgresql/" + version + "/" + name);
        String autoConf = absolute(dataDir, "postgresql.auto.conf");
        boolean autoRead = true;
        PgConfig auto = confParser.parseIfExists(autoConf);
        if (auto.hasFatalProblems() && auto.lines().isEmpty() && auto.files().isEmpty()) {
            // unreadable (not root): ALTER SYSTEM settings stay unknown; the rest is still known
            LOG.info("{}: not readable, ALTER SYSTEM settings are not included: {}", autoConf, auto.problems());
            autoRead = false;
        } else {
            config = config.then(auto);
        }
        String hbaPath = config.get("hba_file").map(PgSetting::value).map(v -> absolute(dataDir, v))
                .orElse(dir + "/pg_hba.conf");
        HbaFile hba = new HbaParser(files).parse(hbaPath);
        List<PgProblem> fatal = new ArrayList<>();
        config.problems().stream().filter(PgProblem::fatal).forEach(fatal::add);
        hba.problems().stream().filter(PgProblem::fatal).forEach(fatal::add);
        if (!fatal.isEmpty()) {
            errors.add("cluster " + version + "/" + name + ": " + fatal.stream().map(PgProblem::toString)
                    .collect(Collectors.joining("; ")));
            return;
        }
        Map<String, Object> c = new LinkedHashMap<>();
        Map<String, Object> sources = new LinkedHashMap<>();
        c.put("version", version);
        c.put("name", name);
        c.put("source", conf);

        Setting listen = setting(config, "listen_addresses", "localhost", evidence, version, name);
        c.put("listen_addresses", listen.value());
        c.put("listen_local_only", listenLocalOnly(listen.value()));
        sources.put("listen_addresses", listen.source());

        Setting ssl = setting(config, "ssl", "off", evidence, version, name);
        Optional<Boolean> sslOn = pgBool(ssl.value());
        if (sslOn.isEmpty()) {
            errors.add("cluster " + version + "/" + name + ": " + ssl.source() + ": invalid value for parameter \"ssl\": \""
                    + ssl.value() + "\"");
            return;
        }
        c.put("ssl", sslOn.get());
        sources.put("ssl", ssl.source());

        Setting pe = setting(config, "password_encryption", defaultPasswordEncryption(version), evidence, version, name);
        c.put("password_encryption", normalisePasswordEncryption(pe.value()));
        sources.put("password_encryption", pe.source());

        Setting port = setting(config, "port", "5432", evidence, version, name);
        try {
            c.put("port", Long.parseLong(port.value().trim()));
        } catch (NumberFormatException e) {
            errors.add("cluster " + version + "/" + name + ": " + port.source() + ": invalid value for parameter \"port\"");
            return;
        }
        sources.put("port", port.source());

        List<Map<String, Object>> hbaLines = new ArrayList<>();
        List<String> trustRemote = new ArrayList<>();
        List<String> trustLocal = new ArrayList<>();
        List<String> remoteWeak = new ArrayList<>();
        for (HbaRecord r : hba.records()) {
            boolean loopback = loopback(r);
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("type", r.type());
            line.put("database", String.join(",", r.databases()));
            line.put("user", String.join(",", r.users()));
            line.put("address", r.mask().isEmpty() ? r.address() : r.address() + " " + r.mask());
            line.put("method", r.method());
            line.put("loopback", loopback);
            line.put("source", r.where());
            hbaLines.add(line);
            if (r.method().equals("trust")) {
                (loopback ? trustLocal : trustRemote).add(r.where());
                evidence.add(Evidence.at(r.file(), r.line(), describe(r)));
            }
            if (!loopback && !r.method().equals("reject")
                    && !(r.type().equals("hostssl") && STRONG_REMOTE_METHODS.contains(r.method()))) {
                remoteWeak.add(r.where());
            }
        }
        c.put("hba", hbaLines);
        c.put("hba_file", hbaPath);
        c.put("trust_remote", trustRemote);
        c.put("trust_local", trustLocal);
        c.put("remote_weak", remoteWeak);
        c.put("data_directory", dataDir);
        c.put("auto_conf_read", autoRead);
        c.put("start", startMode(files, dir + "/start.conf"));
        c.put("sources", sources);
        c.put("notes", config.problems().stream().filter(p -> !p.fatal()).map(PgProblem::toString).toList());
        out.add(c);
    }

    private record Setting(String value, String source) { }

    private static Setting setting(PgConfig config, String key, String def, List<Evidence> evidence,
                                   String version, String name) {
        Optional<PgSetting> s = config.get(key);
        if (s.isPresent()) {
            evidence.add(Evidence.at(s.get().file(), s.get().line(), key + " = '" + s.get().value() + "'"));
            return new Setting(s.get().value(), s.get().where());
        }
        evidence.add(Evidence.byDefault(key + " (cluster " + version + "/" + name + ")", def));
        return new Setting(def, "default");
    }

    /** Every entry is localhost or a loopback literal; an empty list means Unix sockets only. */
    static boolean listenLocalOnly(String listen) {
        for (String entry : listen.split(",")) {
            String e = entry.trim();
            if (!e.isEmpty() && !InetLiteral.isLoopbackName(e)) {
                return false;
            }
        }
        return true;
    }

    /** Whether an hba record only admits connections from this machine. */
    static boolean loopback(HbaRecord r) {
        if (r.isLocalSocket()) {
            return true;
        }
        String a = r.address().toLowerCase(Locale.ROOT);
        if (a.equals("samehost")) {
            return true;
        }
        if (a.equals("all") || a.equals("samenet")) {
            return false;
        }
        if (!r.mask().isEmpty()) {
            Optional<byte[]> addr = InetLiteral.parse(a);
            Optional<Integer> prefix = InetLiteral.maskPrefix(r.mask());
            return addr.isPresent() && prefix.isPresent()
                    && new InetLiteral.Network(addr.get(), prefix.get()).isLoopbackOnly();
        }
        Optional<InetLiteral.Network> net = InetLiteral.network(a);
        if (net.isPresent()) {
            return net.get().isLoopbackOnly();
        }
        // a host name: only "localhost" is known to be this machine without asking DNS
        return a.equals("localhost");
    }

    static String defaultPasswordEncryption(String version) {
        return major(version) >= 14 ? "scram-sha-256" : "md5";
    }

    static String normalisePasswordEncryption(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        // before PostgreSQL 14 "on"/"true" were accepted as aliases of md5
        return switch (v) {
            case "on", "true", "yes", "1" -> "md5";
            default -> v;
        };
    }

    private static int major(String version) {
        try {
            return Integer.parseInt(version.split("\\.")[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** PostgreSQL booleans: on/off, true/false, yes/no, 1/0 and unambiguous prefixes. */
    static Optional<Boolean> pgBool(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        if (v.equals("on") || v.equals("1") || "true".startsWith(v) || "yes".startsWith(v)) {
            return Optional.of(true);
        }
        if (v.equals("off") || v.equals("of") || v.equals("0") || "false".startsWith(v) || "no".startsWith(v)) {
            return Optional.of(false);
        }
        return Optional.empty();
    }

    private static String startMode(PostgresFiles files, String path) {
        var loaded = files.read(path);
        if (loaded.status() != de.tomaudit.parse.postgres.PgFiles.Status.OK) {
            return "auto";
        }
        for (String line : loaded.text().split("\n")) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#")) {
                return t.split("\\s+")[0].toLowerCase(Locale.ROOT);
            }
        }
        return "auto";
    }

    private static String describe(HbaRecord r) {
        return r.type() + " " + String.join(",", r.databases()) + " " + String.join(",", r.users())
                + (r.address().isEmpty() ? "" : " " + r.address()) + (r.mask().isEmpty() ? "" : " " + r.mask())
                + " " + r.method();
    }

    private static String absolute(String dir, String path) {
        return path.startsWith("/") ? path : dir + "/" + path;
    }

    private static List<String> globQuietly(Target target, String pattern) {
        try {
            return target.glob(pattern);
        } catch (de.tomaudit.target.TargetException e) {
            return List.of();
        }
    }
}
