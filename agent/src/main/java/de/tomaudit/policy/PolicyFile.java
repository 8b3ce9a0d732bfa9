package de.tomaudit.policy;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.agentfile.AgentFileException;
import de.tomaudit.agentfile.AgentFiles;
import de.tomaudit.parse.yaml.YamlDocuments;
import de.tomaudit.parse.yaml.YamlException;
import de.tomaudit.parse.yaml.YamlNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Loads a claims file (docs/policy-claims.md). Strict: an unknown key or value is an error naming
 * the file and line, so a typo never turns a promise into nothing.
 */
public final class PolicyFile {
    static final long MAX_BYTES = 1024 * 1024;
    private static final Set<String> TOP = Set.of("schema", "service", "notice", "claims");
    private static final Set<String> CLAIMS = Set.of("logs", "ip_addresses", "message_archive", "uploads", "registration", "encryption",
            "passwords", "push", "recordings", "other");

    private final String file;

    private PolicyFile(String file) {
        this.file = file;
    }

    public static PolicyClaims load(Path path) throws PolicyFileException {
        String name = path.toString();
        try {
            return parse(name, AgentFiles.read(path, AuditTexts.get("input.what.claims"), MAX_BYTES));
        } catch (AgentFileException e) {
            throw new PolicyFileException(e.getMessage());
        }
    }

    public static PolicyClaims parse(String file, String text) throws PolicyFileException {
        try {
            YamlNode root = YamlDocuments.parse(file, text)
                    .orElseThrow(() -> new YamlException(file, 1, AuditTexts.get("input.claims.empty")));
            return new PolicyFile(file).claims(root);
        } catch (YamlException e) {
            throw new PolicyFileException(e.getMessage());
        }
    }

    private PolicyClaims claims(YamlNode root) throws YamlException {
        Map<String, YamlNode> top = strict(root, TOP);
        Optional<YamlNode> schema = Optional.ofNullable(top.get("schema"));
        if (schema.isPresent() && !schema.get().text().equals("1")) {
            throw schema.get().error(AuditTexts.get("input.claims.schema"));
        }
        YamlNode claimsNode = Optional.ofNullable(top.get("claims")).orElseThrow(() -> root.error(AuditTexts.get("input.claims.no-claims")));
        Map<String, YamlNode> c = strict(claimsNode, CLAIMS);
        Map<String, YamlNode> logs = section(c, "logs", Set.of("retention", "max_level", "ip_addresses"));
        Map<String, YamlNode> archive = section(c, "message_archive", Set.of("retention", "default"));
        Map<String, YamlNode> ips = section(c, "ip_addresses", Set.of("retention"));
        Map<String, YamlNode> uploads = section(c, "uploads", Set.of("retention"));
        Map<String, YamlNode> encryption = section(c, "encryption", Set.of("c2s", "s2s", "s2s_exceptions", "https"));
        Map<String, YamlNode> push = section(c, "push", Set.of("used", "content", "sender"));
        Map<String, YamlNode> recordings = section(c, "recordings", Set.of("retention"));
        return new PolicyClaims(file, text(top.get("service")), text(top.get("notice")),
                new PolicyClaims.Logs(period(logs, "logs.retention", "retention"),
                        choice(logs, "logs.max_level", "max_level", PolicyClaims.LOG_LEVELS),
                        bool(logs, "logs.ip_addresses", "ip_addresses")),
                period(ips, "ip_addresses.retention", "retention"),
                new PolicyClaims.Archive(period(archive, "message_archive.retention", "retention"),
                        choice(archive, "message_archive.default", "default", PolicyClaims.ARCHIVE_DEFAULTS)),
                period(uploads, "uploads.retention", "retention"),
                choice(c, "registration", "registration", PolicyClaims.REGISTRATION_MODES),
                new PolicyClaims.Encryption(choice(encryption, "encryption.c2s", "c2s", PolicyClaims.ENCRYPTION),
                        choice(encryption, "encryption.s2s", "s2s", PolicyClaims.ENCRYPTION),
                        domains(encryption.get("s2s_exceptions")),
                        choice(encryption, "encryption.https", "https", PolicyClaims.ENCRYPTION)),
                choice(c, "passwords", "passwords", PolicyClaims.PASSWORDS),
                new PolicyClaims.Push(bool(push, "push.used", "used"), bool(push, "push.content", "content"),
                        bool(push, "push.sender", "sender")),
                period(recordings, "recordings.retention", "retention"),
                other(c.get("other")));
    }

    private static Map<String, YamlNode> strict(YamlNode node, Set<String> allowed) throws YamlException {
        Map<String, YamlNode> m = node.entries();
        for (Map.Entry<String, YamlNode> e : m.entrySet()) {
            if (!allowed.contains(e.getKey())) {
                throw e.getValue().error(AuditTexts.get("input.unknown-key", String.join(", ", allowed.stream().sorted().toList())));
            }
        }
        return m;
    }

    private static Map<String, YamlNode> section(Map<String, YamlNode> claims, String key, Set<String> allowed)
            throws YamlException {
        YamlNode n = claims.get(key);
        return n == null || n.isNull() ? Map.of() : strict(n, allowed);
    }

    private static Optional<String> text(YamlNode n) throws YamlException {
        return n == null || n.isNull() ? Optional.empty() : Optional.of(n.text());
    }

    private Optional<Claim<Period>> period(Map<String, YamlNode> m, String name, String key) throws YamlException {
        YamlNode n = m.get(key);
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        String t = n.text();
        if (Period.outOfRange(t)) {
            throw n.error(AuditTexts.get("input.claims.out-of-range", name));
        }
        Period p = Period.parse(t).orElseThrow(() -> n.error(AuditTexts.get("input.claims.period", name)));
        return Optional.of(new Claim<>(p, file, n.line(), name + ": " + t));
    }

    private Optional<Claim<String>> choice(Map<String, YamlNode> m, String name, String key, List<String> allowed)
            throws YamlException {
        YamlNode n = m.get(key);
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        String t = n.text().strip().toLowerCase(Locale.ROOT);
        if (t.equals("warning")) {
            t = "warn";
        }
        if (!allowed.contains(t)) {
            throw n.error(AuditTexts.get("input.claims.choice", name, String.join(", ", allowed)));
        }
        return Optional.of(new Claim<>(t, file, n.line(), name + ": " + n.text()));
    }

    private Optional<Claim<Boolean>> bool(Map<String, YamlNode> m, String name, String key) throws YamlException {
        YamlNode n = m.get(key);
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        String t = n.text().strip().toLowerCase(Locale.ROOT);
        boolean v = switch (t) {
            case "true" -> true;
            case "false" -> false;
            default -> throw n.error(AuditTexts.get("input.claims.bool", name));
        };
        return Optional.of(new Claim<>(v, file, n.line(), name + ": " + t));
    }

    private Optional<Claim<List<String>>> domains(YamlNode n) throws YamlException {
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        List<String> d = n.texts().stream().map(x -> x.strip().toLowerCase(Locale.ROOT)).toList();
        return Optional.of(new Claim<>(d, file, n.line(), "encryption.s2s_exceptions: " + String.join(", ", d)));
    }

    private List<Claim<String>> other(YamlNode n) throws YamlException {
        List<Claim<String>> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return out;
        }
        for (YamlNode item : n.items()) {
            YamlNode textNode = item.isMapping() ? strict(item, Set.of("text")).get("text") : item;
            if (textNode == null) {
                throw item.error(AuditTexts.get("input.claims.other"));
            }
            out.add(new Claim<>(textNode.text(), file, textNode.line(), textNode.text()));
        }
        return out;
    }
}
