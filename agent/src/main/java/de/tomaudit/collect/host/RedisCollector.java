package de.tomaudit.collect.host;

import de.tomaudit.collect.Collector;
import de.tomaudit.collect.PlannedAccess;
import de.tomaudit.facts.Evidence;
import de.tomaudit.facts.FactSet;
import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.parse.redis.RedisConfParser;
import de.tomaudit.parse.redis.RedisConfig;
import de.tomaudit.parse.redis.RedisDirective;
import de.tomaudit.parse.redis.RedisFiles;
import de.tomaudit.parse.redis.RedisProblem;
import de.tomaudit.parse.redis.RedisUser;
import de.tomaudit.parse.sockets.InetLiteral;
import de.tomaudit.target.Target;
import de.tomaudit.target.TargetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Redis from /etc/redis/redis.conf (Debian) with its includes and ACL users ({@code user}
 * lines or the {@code aclfile}). Facts: {@code redis.installed}, {@code redis.bind} (list),
 * {@code redis.loopback_only}, {@code redis.port}, {@code redis.tls_port},
 * {@code redis.tcp_enabled}, {@code redis.protected_mode}, {@code redis.password_set} (a new
 * connection must authenticate: the {@code default} user is disabled or has no {@code nopass}),
 * {@code redis.requirepass} (Secret, when set), {@code redis.default_user},
 * {@code redis.acl_users}.
 *
 * <p>Defaults when a directive is absent (redis.conf of Redis 7.0): bind all interfaces
 * ({@code * -::*}; Debian's packaged file sets {@code bind 127.0.0.1 -::1}), port 6379,
 * tls-port 0, protected-mode yes, default user {@code on nopass} unless requirepass is set;
 * requirepass is ignored when an aclfile is used, and a {@code user default} line overrides it.
 */
public final class RedisCollector implements Collector {
    static final String CONF = "/etc/redis/redis.conf";
    static final String BINARY = "/usr/bin/redis-server";

    @Override public String id() { return "redis"; }
    @Override public Set<String> kinds() { return Set.of("host"); }
    @Override public List<String> provides() { return List.of("redis"); }

    @Override
    public List<PlannedAccess> plan() {
        return List.of(
                PlannedAccess.read(CONF, "Redis configuration"),
                PlannedAccess.read("/etc/redis/*.conf", "files redis.conf includes (include)"),
                PlannedAccess.read("/etc/redis/users.acl", "Redis ACL file (the aclfile setting names the real path)"),
                PlannedAccess.stat(BINARY, "whether the Redis server is installed"));
    }

    @Override
    public void collect(Target target, FactSet.Builder facts) {
        boolean confExists;
        boolean binaryExists;
        try {
            confExists = target.exists(CONF);
            binaryExists = target.exists(BINARY);
        } catch (TargetException e) {
            facts.error("redis", "read", e.getMessage());
            return;
        }
        if (!confExists && !binaryExists) {
            facts.put("redis.installed", false, Evidence.file(CONF, AuditTexts.get("evidence.host.redis.absent", BINARY)));
            facts.notApplicable("redis", AuditTexts.get("evidence.host.redis.not-installed", CONF, BINARY));
            return;
        }
        facts.put("redis.installed", true, Evidence.file(confExists ? CONF : BINARY, AuditTexts.get("evidence.host.present")));
        if (!confExists) {
            facts.error("redis", "read", AuditTexts.get("evidence.host.redis.no-conf", BINARY, CONF));
            return;
        }
        RedisFiles files = new RedisFilesOnTarget(target);
        RedisConfig config = new RedisConfParser(files).parse(CONF);
        if (!config.problems().isEmpty()) {
            facts.error("redis", "parse", config.problems().stream().map(RedisProblem::toString)
                    .collect(Collectors.joining("; ")));
            return;
        }
        listening(config, facts);
        protectedMode(config, facts);
        users(config, files, facts);
    }

    private static void listening(RedisConfig config, FactSet.Builder facts) {
        Optional<RedisDirective> bind = config.last("bind");
        List<String> addresses = bind.map(d -> d.args().stream().map(a -> a.text()).toList())
                .orElse(List.of("*", "-::*"));
        Evidence bindEvidence = bind.map(d -> Evidence.at(d.file(), d.line(), "bind " + d.display()))
                .orElseGet(() -> Evidence.byDefault(AuditTexts.get("evidence.host.redis.bind-default"), "* -::*"));
        facts.put("redis.bind", addresses, bindEvidence);
        boolean loopback = !addresses.isEmpty() && addresses.stream()
                .map(a -> a.startsWith("-") ? a.substring(1) : a)
                .allMatch(InetLiteral::isLoopbackName);
        facts.put("redis.loopback_only", loopback, bindEvidence);

        long port = number(config, "port", 6379, facts);
        long tlsPort = number(config, "tls-port", 0, facts);
        if (port < 0 || tlsPort < 0) {
            return;
        }
        facts.put("redis.tcp_enabled", port != 0 || tlsPort != 0, evidence(config, "port", 6379));
    }

    private static long number(RedisConfig config, String name, long def, FactSet.Builder facts) {
        Optional<RedisDirective> d = config.last(name);
        String key = "redis." + name.replace('-', '_');
        if (d.isEmpty()) {
            facts.put(key, def, Evidence.byDefault("redis " + name, def));
            return def;
        }
        try {
            long v = Long.parseLong(d.get().first());
            if (v < 0 || v > 65535) {
                throw new NumberFormatException();
            }
            facts.put(key, v, Evidence.at(d.get().file(), d.get().line(), name + " " + v));
            return v;
        } catch (NumberFormatException e) {
            facts.error(key, "parse", d.get().where() + ": invalid " + name + " '" + d.get().first() + "'");
            facts.error("redis.tcp_enabled", "parse", d.get().where() + ": invalid " + name);
            return -1;
        }
    }

    private static Evidence evidence(RedisConfig config, String name, Object def) {
        return config.last(name).map(d -> Evidence.at(d.file(), d.line(), name + " " + d.display()))
                .orElse(Evidence.byDefault("redis " + name, def));
    }

    private static void protectedMode(RedisConfig config, FactSet.Builder facts) {
        Optional<RedisDirective> d = config.last("protected-mode");
        if (d.isEmpty()) {
            facts.put("redis.protected_mode", true, Evidence.byDefault("redis protected-mode", "yes"));
            return;
        }
        String v = d.get().first().toLowerCase(Locale.ROOT);
        if (!v.equals("yes") && !v.equals("no")) {
            facts.error("redis.protected_mode", "parse", AuditTexts.get("evidence.host.redis.protected-mode", d.get().where()));
            return;
        }
        facts.put("redis.protected_mode", v.equals("yes"), Evidence.at(d.get().file(), d.get().line(), "protected-mode " + v));
    }

    private static void users(RedisConfig config, RedisFiles files, FactSet.Builder facts) {
        Optional<RedisDirective> requirepass = config.last("requirepass");
        requirepass.ifPresent(d -> d.args().stream().findFirst().flatMap(a -> a.secret()).ifPresent(s ->
                facts.put("redis.requirepass", s, Evidence.at(d.file(), d.line(), "requirepass " + s))));
        Optional<RedisDirective> aclfile = config.last("aclfile");
        List<RedisDirective> userLines;
        List<Evidence> evidence = new ArrayList<>();
        if (aclfile.isPresent()) {
            String path = aclfile.get().first();
            evidence.add(Evidence.at(aclfile.get().file(), aclfile.get().line(), "aclfile " + path));
            if (!config.all("user").isEmpty()) {
                facts.error("redis.password_set", "parse", AuditTexts.get("evidence.host.redis.mixed", aclfile.get().where()));
                return;
            }
            String text;
            try {
                text = files.read(path);
            } catch (RedisFiles.Failure e) {
                String why = aclfile.get().where() + ": ACL file " + path + ": " + e.getMessage();
                facts.error("redis.password_set", "read", why);
                facts.error("redis.default_user", "read", why);
                facts.error("redis.acl_users", "read", why);
                return;
            }
            RedisConfig acl = new RedisConfParser(files).parseAclText(path, text);
            if (!acl.problems().isEmpty()) {
                String why = acl.problems().stream().map(RedisProblem::toString).collect(Collectors.joining("; "));
                facts.error("redis.password_set", "parse", why);
                facts.error("redis.default_user", "parse", why);
                facts.error("redis.acl_users", "parse", why);
                return;
            }
            userLines = acl.directives();
        } else {
            userLines = config.all("user");
        }
        Map<String, RedisUser> users = new LinkedHashMap<>();
        for (RedisDirective d : userLines) {
            RedisUser prev = users.get(d.first());
            users.put(d.first(), prev == null ? RedisUser.fromDirective(d) : RedisUser.apply(prev, d));
            evidence.add(Evidence.at(d.file(), d.line(), "user " + d.display()));
        }
        RedisUser def = users.get("default");
        String defSource;
        if (def != null) {
            defSource = def.file() + ":" + def.line();
        } else if (aclfile.isEmpty() && requirepass.isPresent() && requirepass.get().args().size() == 1
                && !requirepass.get().args().get(0).secret().orElseThrow().blank()) {
            def = new RedisUser("default", true, false, List.of(requirepass.get().args().get(0).secret().orElseThrow()),
                    requirepass.get().file(), requirepass.get().line());
            defSource = requirepass.get().where();
            evidence.add(Evidence.at(def.file(), def.line(), "requirepass " + def.passwords().get(0)));
        } else {
            def = new RedisUser("default", true, true, List.of(), "", 0);
            defSource = "default";
            evidence.add(Evidence.byDefault("redis default user", aclfile.isPresent()
                    ? AuditTexts.get("evidence.host.redis.nopass-aclfile")
                    : AuditTexts.get("evidence.host.redis.nopass")));
        }
        facts.put("redis.password_set", !def.opensWithoutPassword(), evidence);
        facts.put("redis.default_user", userMap(def, defSource), evidence);
        facts.put("redis.acl_users", users.values().stream().map(u -> userMap(u, u.file() + ":" + u.line())).toList(),
                evidence);
    }

    private static Map<String, Object> userMap(RedisUser u, String source) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", u.name());
        m.put("enabled", u.enabled());
        m.put("nopass", u.nopass());
        m.put("passwords", (long) u.passwords().size());
        m.put("source", source);
        return m;
    }
}
