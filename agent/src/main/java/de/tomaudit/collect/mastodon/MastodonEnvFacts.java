package de.tomaudit.collect.mastodon;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.i18n.Texts;
import de.tomaudit.facts.Evidence;
import de.tomaudit.facts.FactSet;
import de.tomaudit.facts.Processor;
import de.tomaudit.facts.Secret;
import de.tomaudit.parse.env.DotenvEntry;
import de.tomaudit.parse.env.DotenvFile;
import de.tomaudit.parse.env.DotenvParser;
import de.tomaudit.processors.Classification;
import de.tomaudit.processors.KnownProviders;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns Mastodon's {@code .env.production} into the {@code mastodon.env.*} facts, its processors
 * and its configured retentions. Secrets (and every password, key and URL with credentials) are
 * reduced inside the parser: nothing here ever holds their text.
 */
final class MastodonEnvFacts {
    static final String PREFIX = "mastodon.env";
    /** Rails' 1.year: 365.2425 days, Mastodon's default for both retention periods. */
    static final long ONE_YEAR = 31_556_952L;
    /** Keys checked by mastodon.secrets-strength, in this order. */
    static final List<String> CHECKED_SECRETS = List.of("SECRET_KEY_BASE", "OTP_SECRET", "VAPID_PRIVATE_KEY",
            "ACTIVE_RECORD_ENCRYPTION_DETERMINISTIC_KEY", "ACTIVE_RECORD_ENCRYPTION_KEY_DERIVATION_SALT",
            "ACTIVE_RECORD_ENCRYPTION_PRIMARY_KEY");
    /** Further keys whose values are credentials: kept as Secret, never as text. */
    static final Set<String> OTHER_SECRETS = Set.of("DB_PASS", "SMTP_PASSWORD", "BULK_SMTP_PASSWORD", "SMTP_LOGIN",
            "BULK_SMTP_LOGIN", "AWS_SECRET_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "ES_PASS", "REDIS_PASSWORD",
            "SIDEKIQ_REDIS_PASSWORD", "CACHE_REDIS_PASSWORD", "DEEPL_API_KEY", "LIBRE_TRANSLATE_API_KEY",
            "OIDC_CLIENT_SECRET", "LDAP_PASSWORD", "SAML_IDP_CERT", "SAML_PRIVATE_KEY", "CAS_SECRET",
            "HCAPTCHA_SECRET_KEY", "SWIFT_PASSWORD", "AZURE_STORAGE_ACCESS_KEY", "FETCH_REPLIES_SECRET",
            "STATSD_PASSWORD", "OTEL_EXPORTER_OTLP_HEADERS");
    /** URLs that may carry user:password: the password is cut out before the text is kept. */
    static final Set<String> URL_KEYS = Set.of("DATABASE_URL", "REPLICA_DATABASE_URL", "REDIS_URL", "SIDEKIQ_REDIS_URL",
            "CACHE_REDIS_URL", "ES_PRESET_URL", "SMTP_URL");
    /** SHA-256 of public placeholder values (empty, changeme, secret, CHANGE_ME, changeit, replace_me,
     *  your_secret_key_base, password, example): a secret equal to one of them is a sample. */
    static final Set<String> SAMPLE_HASHES = Set.of(
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "057ba03d6c44104863dc7361fe4578965d1887360f90a0895882e58a6248fc86",
            "2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b",
            "442cbf3fdf0f24777036e660c32d6e4b5f7621231bff2754673c5a188a2f614a",
            "00810cf8b94d6fcb9c5de484d3bec4187620b3e2876e59aab90d852fe0f18fb6",
            "7e87aeda4c1af26bae79c21b11237ff266fac880ef63c1d7089288a85a954624",
            "9da059edbc8a5f0e10f18662a02ff5182336630f7444125d3bb2d5800d2d5f38",
            "5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8",
            "50d858e0985ecc7f60418aaf0cc5ab587f42c2570a884095a9e8ccacd0f6545c");
    private static final Pattern RUBY_INT = Pattern.compile("^\\s*([+-]?\\d+(?:_\\d+)*)");

    private MastodonEnvFacts() { }

    static boolean isSecretKey(String key) {
        return CHECKED_SECRETS.contains(key) || OTHER_SECRETS.contains(key)
                || key.endsWith("_PASSWORD") || key.endsWith("_PASS") || key.endsWith("_SECRET")
                || key.endsWith("_SECRET_KEY") || key.endsWith("_PRIVATE_KEY") || key.endsWith("_API_KEY")
                || key.endsWith("_TOKEN");
    }

    static DotenvParser parser() {
        return new DotenvParser((key, value) -> isSecretKey(key) ? Secret.of(value)
                : URL_KEYS.contains(key) ? withoutPassword(value) : value);
    }

    /** A URL with the password of its user info replaced by {@code redacted}. */
    static String withoutPassword(String url) {
        return url.replaceAll("^([A-Za-z][A-Za-z0-9+.-]*://[^/@:]*):[^/@]*@", "$1:redacted@");
    }

    /** Ruby's String#to_i: leading digits (underscores between them), else 0. */
    static long rubyToI(String s) {
        Matcher m = RUBY_INT.matcher(s);
        if (!m.find()) {
            return 0;
        }
        try {
            return Long.parseLong(m.group(1).replace("_", ""));
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    static void put(DotenvFile env, FactSet.Builder facts) {
        facts.put(PREFIX + ".file", env.path(), Evidence.file(env.path(), env.effective().size() + " keys"));
        List<String> problems = new ArrayList<>();
        List<Evidence> problemEvidence = new ArrayList<>();
        env.problems().forEach(p -> {
            problems.add(p.toString());
            problemEvidence.add(Evidence.at(env.path(), p.line(), p.message()));
        });
        env.overridden().forEach(o -> {
            problems.add("line " + o.line() + ": " + o.key() + " is assigned again later (line "
                    + env.get(o.key()).map(DotenvEntry::line).orElse(0) + " wins)");
            problemEvidence.add(Evidence.at(env.path(), o.line(), o.key() + " overridden"));
        });
        for (String key : List.of("IP_RETENTION_PERIOD", "SESSION_RETENTION_PERIOD")) {
            env.get(key).filter(x -> rubyToI(x.text()) > MAX_PERIOD_SECONDS).ifPresent(x -> {
                problems.add("line " + x.line() + ": " + key + ": value out of range");
                problemEvidence.add(Evidence.at(env.path(), x.line(), AuditTexts.get("evidence.mastodon.out-of-range", key)));
            });
        }
        facts.put(PREFIX + ".problems", problems, problemEvidence);
        // a line dotenv skips and an absurd period are an error naming file:line (issue 13, point 5)
        List<de.tomaudit.collect.ConfigValidity.Problem> invalid = new ArrayList<>();
        // a reference to an unset name (parse.dotenv.unset-reference) is not a problem of the file's validity
        String sample = de.tomaudit.i18n.AuditTexts.get("parse.dotenv.unset-reference", "\u0000", "\u0001");
        String refersTo = sample.substring(sample.indexOf('\u0000') + 1, Math.max(sample.indexOf('\u0000') + 1, sample.indexOf('\u0001')));
        env.problems().stream().filter(p -> !p.message().contains(refersTo)).forEach(p -> invalid.add(new de.tomaudit.collect.ConfigValidity.Problem(env.path() + ":" + p.line(),
                p.message())));
        problemEvidence.stream().filter(e -> e.value().endsWith("value out of range"))
                .forEach(e -> invalid.add(new de.tomaudit.collect.ConfigValidity.Problem(e.source(), e.value())));
        de.tomaudit.collect.ConfigValidity.put(facts, PREFIX + ".config_valid", env.path(), invalid);
        domain(env, facts);
        retention(env, facts, "IP_RETENTION_PERIOD", "ip_retention");
        retention(env, facts, "SESSION_RETENTION_PERIOD", "session_retention");
        secrets(env, facts);
        smtp(env, facts);
        db(env, facts);
        authorizedFetch(env, facts);
        processors(env, facts);
    }

    private static Evidence ev(DotenvFile env, String key) {
        Optional<DotenvEntry> e = env.get(key);
        return e.map(x -> new Evidence(env.source(key), key + "=" + x.value()))
                .orElseGet(() -> Evidence.file(env.path(), AuditTexts.get("evidence.mastodon.env-not-set", key)));
    }

    private static void domain(DotenvFile env, FactSet.Builder facts) {
        String local = env.text("LOCAL_DOMAIN").orElse("");
        String web = env.text("WEB_DOMAIN").filter(s -> !s.isBlank()).orElse(local);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("local", local);
        m.put("web", web);
        facts.put(PREFIX + ".domain", m, ev(env, "LOCAL_DOMAIN"), ev(env, "WEB_DOMAIN"));
    }

    /** Periods beyond this (1000 years) are out of range: no one means them, and they overflow Ruby's Time. */
    static final long MAX_PERIOD_SECONDS = 1000L * 366 * 86_400;

    private static void retention(DotenvFile env, FactSet.Builder facts, String key, String fact) {
        Optional<DotenvEntry> e = env.get(key);
        String raw = e.map(DotenvEntry::text).orElse("");
        boolean set = e.isPresent();
        long seconds = set ? rubyToI(raw) : ONE_YEAR;
        Map<String, Object> m = new LinkedHashMap<>();
        boolean numeric = !set || raw.strip().matches("\\d+");
        boolean inRange = seconds <= MAX_PERIOD_SECONDS;
        // a value that is no number is not repeated (issue 13): it is Ruby's to_i of it that takes effect
        m.put("raw", numeric && inRange ? raw : "");
        m.put("set", set);
        m.put("seconds", inRange ? seconds : MAX_PERIOD_SECONDS);
        m.put("numeric", numeric);
        m.put("in_range", inRange);
        m.put("default", !set);
        m.put("source", set ? env.source(key) : "default: " + key + " unset (1.year = " + ONE_YEAR + " s)");
        Evidence evidence;
        if (!set) {
            evidence = Evidence.byDefault(key + " (ENV.fetch(..., 1.year).to_i)", ONE_YEAR + " s");
        } else if (!inRange) {
            evidence = Evidence.at(env.path(), e.get().line(), AuditTexts.get("evidence.mastodon.out-of-range-years", key));
        } else if (!numeric) {
            evidence = Evidence.at(env.path(), e.get().line(), AuditTexts.get("evidence.mastodon.not-whole-seconds", key, String.valueOf(seconds)));
        } else {
            evidence = ev(env, key);
        }
        facts.put(PREFIX + "." + fact, m, evidence);
    }

    private static void secrets(DotenvFile env, FactSet.Builder facts) {
        List<Map<String, Object>> list = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        for (String name : CHECKED_SECRETS) {
            Optional<DotenvEntry> e = env.get(name);
            Secret s = e.map(x -> (Secret) x.value()).orElse(null);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", name);
            m.put("present", s != null && !s.blank());
            m.put("length", s == null ? 0L : (long) s.length());
            m.put("distinct", s == null ? 0L : (long) s.distinctChars());
            m.put("sample", s != null && SAMPLE_HASHES.contains(s.sha256()));
            list.add(m);
            evidence.add(ev(env, name));
            if (s != null) {
                facts.put(PREFIX + ".secret." + name.toLowerCase(Locale.ROOT), s, ev(env, name));
            }
        }
        facts.put(PREFIX + ".secrets", list, evidence);
    }

    private static void smtp(DotenvFile env, FactSet.Builder facts) {
        List<Map<String, Object>> list = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        for (String p : List.of("SMTP_", "BULK_SMTP_")) {
            boolean bulk = p.startsWith("BULK");
            String server = env.text(p + "SERVER").orElse("");
            String method = env.text("SMTP_DELIVERY_METHOD").orElse("smtp");
            if (bulk && server.isBlank()) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("prefix", p);
            m.put("delivery_method", bulk ? "smtp" : method);
            m.put("server", server);
            m.put("port", env.text(p + "PORT").orElse(""));
            m.put("local", server.isBlank() || KnownProviders.classify(server).local());
            m.put("enable_starttls", env.text(p + "ENABLE_STARTTLS").orElse("").toLowerCase(Locale.ROOT));
            m.put("enable_starttls_auto", env.text(p + "ENABLE_STARTTLS_AUTO").orElse("true").toLowerCase(Locale.ROOT));
            m.put("tls", env.text(p + "TLS").orElse("").toLowerCase(Locale.ROOT));
            m.put("ssl", env.text(p + "SSL").orElse("").toLowerCase(Locale.ROOT));
            m.put("verify_mode", env.text(p + "OPENSSL_VERIFY_MODE").orElse("peer").toLowerCase(Locale.ROOT));
            list.add(m);
            for (String k : List.of("SERVER", "ENABLE_STARTTLS", "ENABLE_STARTTLS_AUTO", "TLS", "SSL", "OPENSSL_VERIFY_MODE")) {
                if (env.get(p + k).isPresent()) {
                    evidence.add(ev(env, p + k));
                }
            }
            if (!bulk && env.get("SMTP_DELIVERY_METHOD").isPresent()) {
                evidence.add(ev(env, "SMTP_DELIVERY_METHOD"));
            }
        }
        if (evidence.isEmpty()) {
            evidence.add(Evidence.file(env.path(), "no SMTP_* settings"));
        }
        facts.put(PREFIX + ".smtp", list, evidence);
    }

    private static void db(DotenvFile env, FactSet.Builder facts) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Evidence> evidence = new ArrayList<>();
        Optional<String> url = env.text("DATABASE_URL").filter(s -> !s.isBlank());
        String host = env.text("DB_HOST").filter(s -> !s.isBlank()).orElse("localhost");
        String port = env.text("DB_PORT").filter(s -> !s.isBlank()).orElse("5432");
        String name = env.text("DB_NAME").filter(s -> !s.isBlank()).orElse("mastodon_production");
        String sslmode = env.text("DB_SSLMODE").filter(s -> !s.isBlank()).orElse("prefer");
        String via = "DB_HOST";
        if (url.isPresent()) {
            via = "DATABASE_URL";
            try {
                URI u = URI.create(url.get());
                if (u.getHost() != null) {
                    host = u.getHost();
                }
                if (u.getPort() > 0) {
                    port = String.valueOf(u.getPort());
                }
                if (u.getPath() != null && u.getPath().length() > 1) {
                    name = u.getPath().substring(1);
                }
                String q = u.getQuery() == null ? "" : u.getQuery();
                for (String kv : q.split("&")) {
                    if (kv.startsWith("sslmode=")) {
                        sslmode = kv.substring(8);
                    }
                }
            } catch (IllegalArgumentException e) {
                m.put("url_problem", "DATABASE_URL is not a URL");
            }
            evidence.add(ev(env, "DATABASE_URL"));
        }
        for (String k : List.of("DB_HOST", "DB_PORT", "DB_NAME", "DB_SSLMODE")) {
            if (env.get(k).isPresent()) {
                evidence.add(k.equals("DB_PORT") && !port.matches("\\d{1,5}")
                        ? Evidence.at(env.path(), env.get(k).get().line(), AuditTexts.get("evidence.mastodon.db-port-invalid")) : ev(env, k));
            }
        }
        if (!port.matches("\\d{1,5}")) {
            port = "invalid";
        }
        if (evidence.isEmpty()) {
            evidence.add(Evidence.byDefault("DB_HOST", "localhost"));
        }
        m.put("via", via);
        m.put("host", host);
        m.put("socket", host.startsWith("/"));
        m.put("port", port);
        m.put("name", name);
        m.put("sslmode", sslmode.toLowerCase(Locale.ROOT));
        // a socket, loopback, or a single-label name (a docker-compose service such as "db") is this host
        m.put("remote", !(host.startsWith("/") || host.equals("localhost") || host.startsWith("127.")
                || host.equals("::1") || !host.contains(".") && !host.contains(":")));
        facts.put(PREFIX + ".db", m, evidence);
    }

    private static void authorizedFetch(DotenvFile env, FactSet.Builder facts) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("authorized_fetch", env.text("AUTHORIZED_FETCH").orElse("").toLowerCase(Locale.ROOT));
        m.put("limited_federation", env.text("LIMITED_FEDERATION_MODE").orElse("").toLowerCase(Locale.ROOT));
        facts.put(PREFIX + ".federation", m, ev(env, "AUTHORIZED_FETCH"), ev(env, "LIMITED_FEDERATION_MODE"));
    }

    private static void processors(DotenvFile env, FactSet.Builder facts) {
        List<Map<String, Object>> list = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        String method = env.text("SMTP_DELIVERY_METHOD").orElse("smtp");
        if (method.equals("smtp")) {
            add(env, facts, list, evidence, "smtp", null, "SMTP_SERVER", env.text("SMTP_SERVER"));
            add(env, facts, list, evidence, "bulk-smtp", null, "BULK_SMTP_SERVER", env.text("BULK_SMTP_SERVER"));
        }
        if (env.text("S3_ENABLED").orElse("").equals("true")) {
            String region = env.text("S3_REGION").filter(s -> !s.isBlank()).orElse("us-east-1");
            Optional<String> endpoint = env.text("S3_ENDPOINT").filter(s -> !s.isBlank());
            String host = endpoint.map(MastodonEnvFacts::hostOf)
                    .or(() -> env.text("S3_HOSTNAME").filter(s -> !s.isBlank()))
                    .orElse("s3." + region + ".amazonaws.com");
            String key = endpoint.isPresent() ? "S3_ENDPOINT" : env.get("S3_HOSTNAME").isPresent() ? "S3_HOSTNAME" : "S3_ENABLED";
            add(env, facts, list, evidence, "s3", region, key, Optional.of(host));
            add(env, facts, list, evidence, "s3-alias", null, "S3_ALIAS_HOST",
                    env.text("S3_ALIAS_HOST").filter(h -> !h.equals(host)));
            add(env, facts, list, evidence, "cloudfront", null, "S3_CLOUDFRONT_HOST",
                    env.text("S3_CLOUDFRONT_HOST"));
        }
        if (env.text("SWIFT_ENABLED").orElse("").equals("true")) {
            add(env, facts, list, evidence, "swift", null, "SWIFT_AUTH_URL",
                    env.text("SWIFT_AUTH_URL").map(MastodonEnvFacts::hostOf));
        }
        if (env.text("AZURE_ENABLED").orElse("").equals("true")) {
            add(env, facts, list, evidence, "azure", null, "AZURE_STORAGE_ACCOUNT",
                    env.text("AZURE_STORAGE_ACCOUNT").map(a -> a + ".blob.core.windows.net"));
        }
        add(env, facts, list, evidence, "cdn", null, "CDN_HOST", env.text("CDN_HOST").map(MastodonEnvFacts::hostOf));
        if (env.get("DEEPL_API_KEY").filter(e -> !e.blank()).isPresent()) {
            String host = env.text("DEEPL_PLAN").orElse("free").equals("free") ? "api-free.deepl.com" : "api.deepl.com";
            add(env, facts, list, evidence, "deepl", null, "DEEPL_API_KEY", Optional.of(host));
        }
        add(env, facts, list, evidence, "libretranslate", null, "LIBRE_TRANSLATE_ENDPOINT",
                env.text("LIBRE_TRANSLATE_ENDPOINT").map(MastodonEnvFacts::hostOf));
        if (env.text("ES_ENABLED").orElse("").equals("true")) {
            add(env, facts, list, evidence, "search", null, "ES_HOST",
                    Optional.of(env.text("ES_HOST").filter(s -> !s.isBlank()).orElse("localhost")).map(MastodonEnvFacts::hostOf));
        }
        if (env.get("HCAPTCHA_SECRET_KEY").filter(e -> !e.blank()).isPresent()) {
            // config/initializers/hcaptcha.rb: the widget from hcaptcha.com at sign-up, verified at hcaptcha.com/siteverify
            add(env, facts, list, evidence, "hcaptcha", null,
                    "HCAPTCHA_SECRET_KEY", Optional.of("hcaptcha.com"));
        }
        // single sign-on: the identity provider learns every login (an own IdP on this network is no processor)
        if (env.text("OIDC_ENABLED").orElse("").equals("true")) {
            add(env, facts, list, evidence, "sso-oidc", null, "OIDC_ISSUER",
                    env.text("OIDC_ISSUER").map(MastodonEnvFacts::hostOf));
        }
        if (env.text("SAML_ENABLED").orElse("").equals("true")) {
            add(env, facts, list, evidence, "sso-saml", null, "SAML_IDP_SSO_TARGET_URL",
                    env.text("SAML_IDP_SSO_TARGET_URL").map(MastodonEnvFacts::hostOf));
        }
        if (env.text("CAS_ENABLED").orElse("").equals("true")) {
            add(env, facts, list, evidence, "sso-cas", null, "CAS_URL",
                    env.text("CAS_URL").or(() -> env.text("CAS_HOST")).map(MastodonEnvFacts::hostOf));
        }
        add(env, facts, list, evidence, "otel", null,
                "OTEL_EXPORTER_OTLP_ENDPOINT", env.text("OTEL_EXPORTER_OTLP_ENDPOINT").map(MastodonEnvFacts::hostOf));
        if (env.get("VAPID_PRIVATE_KEY").filter(e -> !e.blank()).isPresent()) {
            add(env, facts, list, evidence, "push-fcm", null, "VAPID_PRIVATE_KEY", Optional.of("fcm.googleapis.com"));
            add(env, facts, list, evidence, "push-mozilla", null, "VAPID_PRIVATE_KEY",
                    Optional.of("updates.push.services.mozilla.com"));
            add(env, facts, list, evidence, "push-apple", null, "VAPID_PRIVATE_KEY", Optional.of("web.push.apple.com"));
        }
        if (evidence.isEmpty()) {
            evidence.add(Evidence.file(env.path(), AuditTexts.get("evidence.mastodon.no-processors")));
        }
        facts.put(PREFIX + ".processors", list, evidence);
    }

    private static void add(DotenvFile env, FactSet.Builder facts, List<Map<String, Object>> list, List<Evidence> evidence,
                            String serviceId, String arg, String key, Optional<String> host) {
        if (host.isEmpty() || host.get().isBlank()) {
            return;
        }
        Object[] args = arg == null ? new Object[0] : new Object[] {arg};
        // the fact and the processors table keep the English name; the evidence is in the audit's language
        String service = Texts.of("en").get("evidence.mastodon.service." + serviceId, args);
        String h = host.get().strip();
        Classification c = KnownProviders.classify(h);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("service", service);
        m.put("host", h);
        m.put("provider", c.provider());
        m.put("jurisdiction", c.jurisdiction());
        m.put("transfer", c.transfer());
        m.put("source", env.source(key));
        list.add(m);
        evidence.add(new Evidence(env.source(key), AuditTexts.get("evidence.mastodon.service." + serviceId, args) + ": " + h
                + " (" + inWords(c.jurisdiction()) + ", " + inWords(c.transfer()) + ")"));
        if (!c.local()) {
            facts.processor(new Processor(service, h, env.source(key), c.jurisdiction(), c.transfer()));
        }
    }

    /** A jurisdiction or transfer of {@link KnownProviders} in the audit's language (the fact keeps the English word). */
    static String inWords(String value) {
        String id = switch (value) {
            case "EU/EEA" -> "eu";
            case "third country (Art. 44)" -> "third";
            case Classification.UNKNOWN_TRANSFER -> "unknown";
            case "none (local)" -> "local";
            case "unknown" -> "unknown-place";
            case "local" -> "local-place";
            default -> "";
        };
        return id.isEmpty() ? value : AuditTexts.get("evidence.mastodon.transfer." + id);
    }

    static String hostOf(String urlOrHost) {
        String s = urlOrHost.strip();
        try {
            if (s.contains("://")) {
                URI u = URI.create(s);
                if (u.getHost() != null) {
                    return u.getHost();
                }
            }
        } catch (IllegalArgumentException e) {
            // not a URL: use the text up to the first slash or colon
        }
        s = s.replaceFirst("^[a-z]+://", "");
        int cut = s.length();
        for (char c : new char[] {'/', ':'}) {
            int i = s.indexOf(c);
            if (i >= 0 && i < cut) {
                cut = i;
            }
        }
        return s.substring(0, cut);
    }
}
