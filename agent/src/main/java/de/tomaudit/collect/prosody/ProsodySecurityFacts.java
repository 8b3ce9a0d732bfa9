package de.tomaudit.collect.prosody;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.facts.Evidence;
import de.tomaudit.facts.FactSet;
import de.tomaudit.parse.lua.ConfigOption;
import de.tomaudit.parse.lua.ConfigSection;
import de.tomaudit.parse.lua.ConfigTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Transport and authentication settings per host: c2s/s2s encryption, s2s certificate checks and
 * their exceptions, the authentication provider, plain authentication without TLS, in-band
 * registration, the TLS profile and ssl overrides, contact addresses, push notifications.
 * Each list holds the global section ({@code *}) and every enabled host it applies to.
 */
final class ProsodySecurityFacts {
    /** OpenSSL cipher-string words that switch on suites nobody should accept (not when negated with ! or -). */
    private static final Set<String> WEAK_WORDS = Set.of("ALL", "COMPLEMENTOFALL", "LOW", "EXPORT", "EXP", "NULL",
            "ENULL", "ANULL", "ADH", "AECDH", "RC4", "MD5", "DES", "3DES", "SSLV3", "@SECLEVEL=0");
    private static final List<String> WEAK_PARTS = List.of("RC4", "3DES", "DES-CBC", "EXP-", "NULL", "MD5",
            "SECLEVEL=0", "EXPORT");
    private static final Set<String> LEGACY_PROTOCOLS = Set.of("sslv2", "sslv3", "sslv23", "any", "tlsv1", "tlsv1+",
            "tlsv1_1", "tlsv1_1+");
    private static final List<String> SSL_OPTIONS = List.of("ssl", "c2s_ssl", "s2s_ssl", "https_ssl",
            "c2s_direct_tls_ssl", "s2s_direct_tls_ssl", "legacy_ssl_ssl");

    private final EffectiveConfig c;
    private final String line;

    ProsodySecurityFacts(EffectiveConfig c) {
        this.c = c;
        this.line = "Prosody " + c.version().line();
    }

    void put(FactSet.Builder facts) {
        List<String> vhosts = hostsWithGlobal(c.virtualHosts());
        List<String> all = hostsWithGlobal(c.enabledHosts());
        putSettings(facts, "prosody.c2s_require_encryption", vhosts, h -> Setting.bool(c, h,
                List.of("c2s_require_encryption", "require_encryption"), true, "c2s_require_encryption (" + line + ": true)"));
        putSettings(facts, "prosody.s2s_require_encryption", all, h -> Setting.bool(c, h,
                List.of("s2s_require_encryption"), true, "s2s_require_encryption (" + line + ": true)"));
        putSettings(facts, "prosody.s2s_secure_auth", all, h -> Setting.bool(c, h,
                List.of("s2s_secure_auth"), false, "s2s_secure_auth (" + line + ": false)"));
        putSettings(facts, "prosody.allow_unencrypted_plain_auth", vhosts, h -> Setting.bool(c, h,
                List.of("allow_unencrypted_plain_auth"), false, "allow_unencrypted_plain_auth (" + line + ": false)"));
        putSettings(facts, "prosody.authentication", vhosts, h -> Setting.resolve(c, h,
                List.of("authentication"), "internal_hashed", "authentication (" + line + ": internal_hashed)"));
        putDomainLists(facts, all);
        putRegistration(facts);
        putTls(facts);
        putContactInfo(facts);
        putPush(facts);
    }

    private static List<String> hostsWithGlobal(List<ConfigSection> hosts) {
        List<String> out = new ArrayList<>();
        out.add(ConfigSection.GLOBAL);
        hosts.forEach(h -> out.add(h.name()));
        return out;
    }

    private void putSettings(FactSet.Builder facts, String key, List<String> hosts,
                             java.util.function.Function<String, Setting> resolve) {
        List<Map<String, Object>> values = new ArrayList<>();
        Set<Evidence> evidence = new LinkedHashSet<>();
        for (String h : hosts) {
            Setting s = resolve.apply(h);
            values.add(s.map());
            if (h.equals(ConfigSection.GLOBAL) || ownSet(h, s)) {
                evidence.add(s.evidence());
            }
        }
        facts.put(key, values, List.copyOf(evidence));
    }

    private boolean ownSet(String host, Setting s) {
        return s.from().isPresent() && c.config().section(host).flatMap(sec -> sec.own(s.option()))
                .filter(o -> o == s.from().get()).isPresent();
    }

    /** s2s_insecure_domains / s2s_secure_domains: the exceptions to s2s_secure_auth (seed 002 publishes its own). */
    private void putDomainLists(FactSet.Builder facts, List<String> hosts) {
        for (String option : List.of("s2s_insecure_domains", "s2s_secure_domains")) {
            List<Map<String, Object>> values = new ArrayList<>();
            Set<Evidence> evidence = new LinkedHashSet<>();
            for (String h : hosts) {
                Optional<ConfigOption> o = c.option(h, option);
                List<String> domains = o.map(x -> EffectiveConfig.strings(x.value())).orElse(List.of());
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("host", h);
                m.put("domains", domains);
                m.put("source", o.map(ConfigOption::source).orElse("default: " + option + " (empty)"));
                values.add(m);
                o.ifPresent(x -> evidence.add(OptionEvidence.of(x, h + ": " + option + " = " + domains)));
            }
            if (evidence.isEmpty()) {
                evidence.add(Evidence.byDefault(option, AuditTexts.get("evidence.prosody.none")));
            }
            facts.put("prosody." + option, values, List.copyOf(evidence));
        }
    }

    /**
     * In-band registration per VirtualHost (0.12): open when mod_register is loaded with
     * allow_registration = true, or mod_register_ibr is loaded directly; mod_invites_register with
     * registration_invite_only (default true) turns it into invitation-only; throttling comes from
     * mod_register_limits (registration_throttle_max, or min_seconds_between_registrations).
     */
    private void putRegistration(FactSet.Builder facts) {
        List<Map<String, Object>> values = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        for (ConfigSection host : c.virtualHosts()) {
            String h = host.name();
            Set<String> modules = c.modules(h);
            Setting allow = Setting.bool(c, h, List.of("allow_registration"), false, "allow_registration (" + line + ": false)");
            boolean ibr = (modules.contains("register") && Boolean.TRUE.equals(allow.value())) || modules.contains("register_ibr");
            Setting inviteOnly = Setting.bool(c, h, List.of("registration_invite_only"), true,
                    "registration_invite_only (" + line + ": true)");
            boolean invites = modules.contains("invites_register");
            Optional<ConfigOption> throttleMax = c.option(h, "registration_throttle_max");
            Optional<ConfigOption> minSeconds = c.option(h, "min_seconds_between_registrations");
            String mode = invites && Boolean.TRUE.equals(inviteOnly.value()) ? "invite" : ibr ? "open" : "closed";
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("host", h);
            m.put("mode", mode);
            m.put("allow_registration", allow.value());
            m.put("mod_register", modules.contains("register"));
            m.put("mod_invites_register", invites);
            m.put("throttled", throttleMax.isPresent() || minSeconds.isPresent());
            m.put("source", allow.source());
            values.add(m);
            evidence.add(allow.evidence());
            evidence.add(c.modulesEvidence(h, invites ? "invites_register" : "register"));
            throttleMax.or(() -> minSeconds).ifPresent(o -> evidence.add(OptionEvidence.of(o,
                    h + ": " + o.name() + " = " + EffectiveConfig.display(o.value()))));
            evidence.add(new Evidence(AuditTexts.get("evidence.source.effective", h), AuditTexts.get("evidence.prosody.registration", mode)));
        }
        facts.put("prosody.registration", values, evidence);
    }

    /** tls_profile (global only; 0.12 and 13: modern, intermediate (default), old, legacy) and ssl overrides. */
    private void putTls(FactSet.Builder facts) {
        Setting profile = Setting.resolve(c, ConfigSection.GLOBAL, List.of("tls_profile"), "intermediate",
                "tls_profile (" + line + ": intermediate, TLS 1.2+)");
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("value", String.valueOf(profile.value()).toLowerCase(Locale.ROOT));
        p.put("source", profile.source());
        p.put("default", profile.isDefault());
        facts.put("prosody.tls_profile", p, profile.evidence());
        List<Map<String, Object>> overrides = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        List<String> scopes = new ArrayList<>();
        scopes.add(ConfigSection.GLOBAL);
        c.enabledHosts().forEach(h -> scopes.add(h.name()));
        for (String scope : scopes) {
            for (String option : SSL_OPTIONS) {
                Optional<ConfigOption> o = c.config().section(scope).flatMap(s -> s.own(option));
                if (o.isEmpty() || !(o.get().value() instanceof ConfigTable t)) {
                    continue;
                }
                String protocol = t.field("protocol").map(String::valueOf).orElse("");
                List<String> ciphers = EffectiveConfig.strings(t.field("ciphers").orElse(""));
                List<String> weak = weakCipherWords(ciphers);
                boolean legacy = LEGACY_PROTOCOLS.contains(protocol.toLowerCase(Locale.ROOT)) || !weak.isEmpty();
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("host", scope);
                m.put("option", option);
                m.put("protocol", protocol);
                m.put("ciphers", String.join(":", ciphers));
                m.put("weak_ciphers", weak);
                m.put("legacy", legacy);
                m.put("source", o.get().source());
                overrides.add(m);
                evidence.add(protocol.isEmpty() ? OptionEvidence.of(o.get(), scope + ": " + option + " protocol=(profile)")
                        : OptionEvidence.field(o.get(), scope + ": " + option + " protocol=" + protocol, "protocol"));
                if (!ciphers.isEmpty()) {
                    evidence.add(OptionEvidence.field(o.get(), scope + ": " + option + " ciphers=" + m.get("ciphers"), "ciphers"));
                }
            }
        }
        facts.put("prosody.ssl_overrides", overrides, evidence);
    }

    static List<String> weakCipherWords(List<String> ciphers) {
        List<String> out = new ArrayList<>();
        for (String spec : ciphers) {
            for (String word : spec.split("[:, ]+")) {
                if (word.isEmpty() || word.startsWith("!") || word.startsWith("-")) {
                    continue;
                }
                String upper = (word.startsWith("+") ? word.substring(1) : word).toUpperCase(Locale.ROOT);
                boolean weak = WEAK_WORDS.contains(upper)
                        || java.util.Arrays.stream(upper.split("\\+")).anyMatch(WEAK_WORDS::contains)
                        || WEAK_PARTS.stream().anyMatch(upper::contains);
                if (weak) {
                    out.add(word);
                }
            }
        }
        return out;
    }

    /** mod_server_contact_info and contact_info per VirtualHost (without contact_info only admins' JIDs are published). */
    private void putContactInfo(FactSet.Builder facts) {
        List<Map<String, Object>> values = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        for (ConfigSection host : c.virtualHosts()) {
            String h = host.name();
            boolean module = c.modules(h).contains("server_contact_info");
            Optional<ConfigOption> info = c.option(h, "contact_info");
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("host", h);
            m.put("module", module);
            m.put("configured", info.isPresent());
            for (String kind : List.of("abuse", "security", "admin", "support")) {
                m.put(kind, info.filter(o -> o.value() instanceof ConfigTable).map(o -> EffectiveConfig.strings(
                        ((ConfigTable) o.value()).field(kind).orElse(""))).orElse(List.of()));
            }
            m.put("source", info.map(ConfigOption::source).orElse("default: contact_info (admins' JIDs only)"));
            values.add(m);
            evidence.add(c.modulesEvidence(h, "server_contact_info"));
            info.ifPresent(o -> {
                if (o.value() instanceof ConfigTable) {
                    evidence.add(OptionEvidence.field(o, h + ": contact_info abuse=" + m.get("abuse"), "abuse"));
                    evidence.add(OptionEvidence.field(o, h + ": contact_info security=" + m.get("security"), "security"));
                } else {
                    evidence.add(OptionEvidence.of(o, h + ": contact_info = " + EffectiveConfig.display(o.value())));
                }
            });
        }
        facts.put("prosody.contact_info", values, evidence);
    }

    /** mod_cloud_notify per VirtualHost and what it sends to push services. */
    private void putPush(FactSet.Builder facts) {
        List<Map<String, Object>> values = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        for (ConfigSection host : c.virtualHosts()) {
            String h = host.name();
            boolean module = c.modules(h).contains("cloud_notify");
            Setting body = Setting.bool(c, h, List.of("push_notification_with_body"), false,
                    "push_notification_with_body (false)");
            Setting sender = Setting.bool(c, h, List.of("push_notification_with_sender"), false,
                    "push_notification_with_sender (false)");
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("host", h);
            m.put("cloud_notify", module);
            m.put("with_body", body.value());
            m.put("with_sender", sender.value());
            m.put("source", body.isDefault() ? sender.source() : body.source());
            values.add(m);
            evidence.add(c.modulesEvidence(h, "cloud_notify"));
            if (module) {
                evidence.add(body.evidence());
                evidence.add(sender.evidence());
            }
        }
        facts.put("prosody.push", values, evidence);
    }
}
