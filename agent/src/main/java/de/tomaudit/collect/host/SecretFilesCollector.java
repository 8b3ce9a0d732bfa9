package de.tomaudit.collect.host;

import de.tomaudit.collect.Collector;
import de.tomaudit.collect.PlannedAccess;
import de.tomaudit.facts.Evidence;
import de.tomaudit.facts.FactSet;
import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.target.FileStat;
import de.tomaudit.target.Target;
import de.tomaudit.target.TargetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Fact {@code secrets.files}: the permissions of files that hold secrets (Mastodon's
 * .env.production, BigBlueButton's properties, Prosody and ejabberd configs with passwords, Redis
 * with requirepass, TLS private keys, SSH host keys, .pgpass), as {@code {path, mode, owner, group,
 * world_readable, group_readable, group_allowed, exposed, why, blocked_by}}. {@code world_readable}
 * is effective: the file is o+r and every directory above it lets others pass (o+x).
 */
public final class SecretFilesCollector implements Collector {

    public static final String KEY = "secrets.files";
    /** The securitySalt shipped in bbb-web's default bigbluebutton.properties: public, not a secret. */
    static final String BBB_DEFAULT_SALT = "330a8b08c3b4c61533e1d0c5ce1ac88f";
    static final String BBB_DEFAULTS = "/usr/share/bbb-web/WEB-INF/classes/bigbluebutton.properties";
    private static final Pattern LUA_SECRET = Pattern.compile(
            "\\b\\w*(password|secret|_pass)\\w*\\s*=\\s*[\"'\\[]", Pattern.CASE_INSENSITIVE);
    private static final Pattern YAML_SECRET = Pattern.compile(
            "^\\s*-?\\s*\"?(sql_password|ldap_password|redis_password|password|secret|api_secret|turn_secret|auth_password|"
                    + "s3_secret_key|access_secret)\"?\\s*:\\s*[^\\s#]", Pattern.CASE_INSENSITIVE);
    private static final Pattern REDIS_SECRET = Pattern.compile("^\\s*(requirepass|masterauth)\\s+\\S|^\\s*user\\s+\\S+.*\\s>\\S");
    private static final Pattern BBB_SALT = Pattern.compile("^\\s*securitySalt\\s*=\\s*(\\S*)\\s*$");

    @Override public String id() { return "secrets"; }
    @Override public Set<String> kinds() { return Set.of("host"); }
    @Override public List<String> provides() { return List.of("secrets"); }

    @Override
    public List<PlannedAccess> plan() {
        return List.of(
                PlannedAccess.read("/etc/passwd", "home directories of mastodon and postgres"),
                PlannedAccess.stat("/home/mastodon/live/.env.production", "Mastodon secrets (home of mastodon in /etc/passwd)"),
                PlannedAccess.stat("/etc/bigbluebutton/bbb-web.properties", "BigBlueButton shared secret"),
                PlannedAccess.read(BBB_DEFAULTS, "whether the default properties carry a non-default securitySalt"),
                PlannedAccess.read("/etc/prosody/prosody.cfg.lua", "whether it holds passwords"),
                PlannedAccess.read("/etc/prosody/conf.d/*.cfg.lua", "whether they hold passwords"),
                PlannedAccess.read("/etc/ejabberd/ejabberd.yml", "whether it holds passwords"),
                PlannedAccess.read("/etc/redis/redis.conf", "whether it sets requirepass"),
                PlannedAccess.list("/etc/ssl/private", "TLS private keys"),
                PlannedAccess.stat("/etc/letsencrypt/live/*/privkey.pem", "Let's Encrypt private keys"),
                PlannedAccess.stat("/etc/letsencrypt/archive/*/privkey*.pem", "Let's Encrypt private keys"),
                PlannedAccess.stat("/etc/prosody/certs/*.key", "Prosody private keys"),
                PlannedAccess.stat("/etc/ssh/ssh_host_*_key", "SSH host keys"),
                PlannedAccess.stat("/var/lib/postgresql/.pgpass", "PostgreSQL passwords (home of postgres in /etc/passwd)"),
                PlannedAccess.stat("/root/.pgpass", "PostgreSQL passwords of root"),
                PlannedAccess.stat("(every directory above these files)", "whether other users can reach them"));
    }

    @Override
    public void collect(Target target, FactSet.Builder facts) {
        List<String> errors = new ArrayList<>();
        List<SecretFileCandidate> candidates = candidates(target, errors);
        List<Map<String, Object>> files = new ArrayList<>();
        List<Evidence> ev = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (SecretFileCandidate c : candidates) {
            if (!seen.add(c.path())) {
                continue;
            }
            try {
                Optional<FileStat> st = target.stat(c.path());
                if (st.isEmpty()) {
                    continue;
                }
                Map<String, Object> item = item(target, c, st.get());
                files.add(item);
                ev.add(Evidence.file(c.path(), item.get("mode") + " " + item.get("owner") + ":" + item.get("group")
                        + (Boolean.TRUE.equals(item.get("exposed")) ? AuditTexts.get("evidence.host.secret.exposed") : "")));
            } catch (TargetException e) {
                errors.add(e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            facts.error(KEY, "read", AuditTexts.get("evidence.host.secret.unreadable", String.join("; ", errors)));
            return;
        }
        if (ev.isEmpty()) {
            ev.add(Evidence.file("/etc", AuditTexts.get("evidence.host.secret.none")));
        }
        facts.put(KEY, files, ev);
    }

    private static Map<String, Object> item(Target target, SecretFileCandidate c, FileStat st) throws TargetException {
        Optional<String> blockedBy = blockingDirectory(target, c.path());
        boolean world = st.worldReadable() && blockedBy.isEmpty();
        boolean groupAllowed = st.group().equals("root") || st.group().equals(st.owner()) || c.allowedGroups().contains(st.group());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", c.path());
        m.put("mode", st.octalMode());
        m.put("owner", st.owner());
        m.put("group", st.group());
        m.put("world_readable", world);
        m.put("group_readable", st.groupReadable());
        m.put("group_allowed", groupAllowed);
        m.put("exposed", world || (st.groupReadable() && !groupAllowed));
        m.put("why", c.why());
        m.put("blocked_by", blockedBy.orElse(""));
        return m;
    }

    /** The first directory above the path that other users cannot pass (no o+x), if any. */
    private static Optional<String> blockingDirectory(Target target, String path) throws TargetException {
        int slash = path.lastIndexOf('/');
        while (slash > 0) {
            String dir = path.substring(0, slash);
            Optional<FileStat> st = target.stat(dir);
            if (st.isPresent() && (st.get().mode() & 0001) == 0) {
                return Optional.of(dir);
            }
            slash = dir.lastIndexOf('/');
        }
        return Optional.empty();
    }

    private static List<SecretFileCandidate> candidates(Target target, List<String> errors) {
        ProcessesPasswdFile passwd = passwd(target);
        String mastodonHome = passwd.byName("mastodon").map(ProcessesPasswdFile.Account::home).orElse("/home/mastodon");
        String postgresHome = passwd.byName("postgres").map(ProcessesPasswdFile.Account::home).orElse("/var/lib/postgresql");
        List<SecretFileCandidate> out = new ArrayList<>();
        out.add(new SecretFileCandidate(mastodonHome + "/live/.env.production",
                AuditTexts.get("evidence.host.secret.mastodon"), Set.of("mastodon")));
        out.add(new SecretFileCandidate("/etc/bigbluebutton/bbb-web.properties", AuditTexts.get("evidence.host.secret.bbb"),
                Set.of("bigbluebutton", "tomcat9")));
        if (bbbDefaultsHoldASecret(target, errors)) {
            out.add(new SecretFileCandidate(BBB_DEFAULTS, AuditTexts.get("evidence.host.secret.bbb-defaults"),
                    Set.of("bigbluebutton", "tomcat9")));
        }
        List<String> prosody = new ArrayList<>(List.of("/etc/prosody/prosody.cfg.lua"));
        prosody.addAll(glob(target, "/etc/prosody/conf.d/*.cfg.lua", errors));
        for (String p : prosody) {
            if (contains(target, p, LUA_SECRET, "--", errors)) {
                out.add(new SecretFileCandidate(p, AuditTexts.get("evidence.host.secret.prosody"), Set.of("prosody")));
            }
        }
        if (contains(target, "/etc/ejabberd/ejabberd.yml", YAML_SECRET, "#", errors)) {
            out.add(new SecretFileCandidate("/etc/ejabberd/ejabberd.yml", AuditTexts.get("evidence.host.secret.ejabberd"), Set.of("ejabberd")));
        }
        if (contains(target, "/etc/redis/redis.conf", REDIS_SECRET, "#", errors)) {
            out.add(new SecretFileCandidate("/etc/redis/redis.conf", AuditTexts.get("evidence.host.secret.redis"), Set.of("redis")));
        }
        privateKeys(target, errors, out);
        for (String key : glob(target, "/etc/letsencrypt/live/*/privkey.pem", errors)) {
            out.add(new SecretFileCandidate(key, AuditTexts.get("evidence.host.secret.tls-key-le"), Set.of("ssl-cert")));
        }
        for (String key : glob(target, "/etc/letsencrypt/archive/*/privkey*.pem", errors)) {
            out.add(new SecretFileCandidate(key, AuditTexts.get("evidence.host.secret.tls-key-le"), Set.of("ssl-cert")));
        }
        for (String key : glob(target, "/etc/prosody/certs/*.key", errors)) {
            out.add(new SecretFileCandidate(key, AuditTexts.get("evidence.host.secret.tls-key-prosody"), Set.of("prosody", "ssl-cert")));
        }
        for (String key : glob(target, "/etc/ssh/ssh_host_*_key", errors)) {
            out.add(new SecretFileCandidate(key, AuditTexts.get("evidence.host.secret.ssh-key"), Set.of()));
        }
        out.add(new SecretFileCandidate(postgresHome + "/.pgpass", "PostgreSQL passwords (.pgpass)", Set.of()));
        out.add(new SecretFileCandidate("/root/.pgpass", "PostgreSQL passwords (.pgpass)", Set.of()));
        return out;
    }

    /** Files in /etc/ssl/private; where the audit may not list it, the directory itself is what protects them. */
    private static void privateKeys(Target target, List<String> errors, List<SecretFileCandidate> out) {
        String dir = "/etc/ssl/private";
        try {
            target.list(dir).stream().filter(e -> e.type() != FileStat.Type.DIRECTORY)
                    .forEach(e -> out.add(new SecretFileCandidate(dir + "/" + e.name(), AuditTexts.get("evidence.host.secret.tls-key"), Set.of("ssl-cert"))));
        } catch (TargetException e) {
            if (e.reason() == TargetException.Reason.PERMISSION_DENIED) {
                try {
                    Optional<FileStat> st = target.stat(dir);
                    boolean closed = st.isPresent() && (st.get().mode() & 0005) == 0
                            && Set.of("root", "ssl-cert").contains(st.get().group());
                    if (closed) {
                        out.add(new SecretFileCandidate(dir, AuditTexts.get("evidence.host.secret.tls-dir"), Set.of("ssl-cert")));
                        return;
                    }
                } catch (TargetException inner) {
                    errors.add(inner.getMessage());
                    return;
                }
                errors.add(e.getMessage());
            } else if (e.reason() != TargetException.Reason.NOT_FOUND) {
                errors.add(e.getMessage());
            }
        }
    }

    private static boolean bbbDefaultsHoldASecret(Target target, List<String> errors) {
        try {
            for (String line : target.read(BBB_DEFAULTS).lines()) {
                var m = BBB_SALT.matcher(line);
                if (m.matches()) {
                    String salt = m.group(1);
                    return !salt.isEmpty() && !salt.equals(BBB_DEFAULT_SALT);
                }
            }
        } catch (TargetException e) {
            if (e.reason() == TargetException.Reason.PERMISSION_DENIED) {
                return true;
            }
            if (e.reason() != TargetException.Reason.NOT_FOUND) {
                errors.add(e.getMessage());
            }
        }
        return false;
    }

    /**
     * True when the text outside comments has a secret (the file is then secret-bearing). A file the
     * audit may not read counts too: its permissions are then checked without knowing the content.
     */
    private static boolean contains(Target target, String path, Pattern p, String comment, List<String> errors) {
        try {
            for (String line : target.read(path).lines()) {
                int c = line.indexOf(comment);
                String code = c >= 0 ? line.substring(0, c) : line;
                if (p.matcher(code).find()) {
                    return true;
                }
            }
        } catch (TargetException e) {
            if (e.reason() == TargetException.Reason.PERMISSION_DENIED) {
                return true;
            }
            if (e.reason() != TargetException.Reason.NOT_FOUND) {
                errors.add(e.getMessage());
            }
        }
        return false;
    }

    private static List<String> glob(Target target, String pattern, List<String> errors) {
        try {
            return target.glob(pattern);
        } catch (TargetException e) {
            if (e.reason() != TargetException.Reason.NOT_FOUND) {
                errors.add(e.getMessage());
            }
            return List.of();
        }
    }

    private static ProcessesPasswdFile passwd(Target target) {
        try {
            return ProcessesPasswdFile.parse(target.read("/etc/passwd").text());
        } catch (TargetException e) {
            return new ProcessesPasswdFile(List.of());
        }
    }
}
