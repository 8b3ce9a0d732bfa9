package de.tomaudit.collect.mastodon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.facts.Fact;
import de.tomaudit.facts.FactSet;
import de.tomaudit.facts.Processor;
import de.tomaudit.facts.Secret;
import de.tomaudit.facts.Unavailable;
import de.tomaudit.target.DirTarget;
import de.tomaudit.target.Limits;
import de.tomaudit.testsupport.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MastodonCollectorTest {
    static final String VERSION_RB = """
            # frozen_string_literal: true

            module Mastodon
              module Version
                module_function

                def major
                  4
                end

                def minor
                  3
                end

                def patch
                  2
                end
              end
            end
            """;
    static final String SIDEKIQ_UNIT = """
            [Unit]
            Description=mastodon-sidekiq

            [Service]
            Type=simple
            User=mastodon
            WorkingDirectory=/home/mastodon/live
            Environment="RAILS_ENV=production"
            EnvironmentFile=/home/mastodon/live/.env.production
            ExecStart=/home/mastodon/.rbenv/shims/bundle exec sidekiq -c 25 %s
            """;

    static FactSet collect(Path root) {
        FactSet.Builder b = FactSet.builder();
        new MastodonCollector().collect(new DirTarget(root, Limits.DEFAULT), b);
        return b.build();
    }

    static Path nativeRoot(Path tmp, String env, String sidekiqArgs) throws IOException {
        Path live = tmp.resolve("home/mastodon/live");
        Files.createDirectories(live.resolve("lib/mastodon"));
        Files.writeString(live.resolve("lib/mastodon/version.rb"), VERSION_RB);
        Files.writeString(live.resolve(".env.production"), env);
        Path units = tmp.resolve("etc/systemd/system");
        Files.createDirectories(units);
        Files.writeString(units.resolve("mastodon-sidekiq.service"), SIDEKIQ_UNIT.formatted(sidekiqArgs));
        Files.createDirectories(tmp.resolve("etc"));
        Files.writeString(tmp.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/bash\nmastodon:x:991:991::/home/mastodon:/bin/bash\n");
        Files.writeString(tmp.resolve("etc/group"), "sudo:x:27:alice,mastodon\n");
        Files.writeString(tmp.resolve("etc/sudoers"), "root ALL=(ALL:ALL) ALL\n%sudo ALL=(ALL:ALL) ALL\n");
        return tmp;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(FactSet f, String key) {
        return (Map<String, Object>) f.get(key).orElseThrow(() -> new AssertionError(key + ": " + f.whyMissing(key))).value();
    }

    @Test
    void upstreamSampleInTheLiveTree(@TempDir Path tmp) throws Exception {
        String sample = Files.readString(TestPaths.sharedFixture("mastodon").resolve("env.production.sample.v4-layout"));
        FactSet f = collect(nativeRoot(tmp, sample, ""));
        assertEquals(true, f.get("mastodon.installed").orElseThrow().value());
        assertEquals("native", map(f, "mastodon.layout").get("kind"));
        assertEquals("4.3.2", f.get("mastodon.version").orElseThrow().value());
        assertEquals(40302L, f.get("mastodon.version_number").orElseThrow().value());
        assertEquals("/home/mastodon/live/lib/mastodon/version.rb:7",
                f.get("mastodon.version").orElseThrow().evidence().get(0).source());
        Map<String, Object> ip = map(f, "mastodon.env.ip_retention");
        assertEquals(31556952L, ip.get("seconds"));
        assertEquals(true, ip.get("numeric"));
        assertTrue(String.valueOf(ip.get("source")).endsWith(".env.production:76"), ip.toString());
        Map<String, Object> sched = map(f, "mastodon.scheduler");
        assertEquals(true, sched.get("scheduler_configured"));
        assertEquals("unknown", sched.get("sidekiq_running"));
        List<Map<String, Object>> secrets = (List<Map<String, Object>>) f.get("mastodon.env.secrets").orElseThrow().value();
        assertEquals(false, secrets.get(0).get("present"));
        assertEquals(true, secrets.get(0).get("sample"), "blank SECRET_KEY_BASE is the sample value");
        assertTrue(f.get("mastodon.env.secret.secret_key_base").orElseThrow().value() instanceof Secret);
        // processors: Elasticsearch on localhost is local; S3 without endpoint is AWS in us-east-1
        List<Processor> ps = f.processors();
        assertTrue(ps.stream().anyMatch(p -> p.host().equals("s3.us-east-1.amazonaws.com") && p.jurisdiction().equals("US")
                && p.transfer().equals("third country (Art. 44)")), ps.toString());
        assertTrue(ps.stream().anyMatch(p -> p.host().equals("files.example.com")
                && p.transfer().equals("unknown: document by hand")), ps.toString());
        assertTrue(ps.stream().noneMatch(p -> p.host().equals("localhost")));
        assertEquals(List.of("mastodon"), map(f, "mastodon.sudo").get("service_users_privileged"));
        assertEquals(2L, map(f, "mastodon.sudo").get("privileged_count"));
    }

    /** hCaptcha, the single sign-on identity providers and an OpenTelemetry collector receive users' data too. */
    @Test
    void captchaSingleSignOnAndTelemetryAreProcessors(@TempDir Path tmp) throws Exception {
        FactSet f = collect(nativeRoot(tmp, """
                LOCAL_DOMAIN=social.example
                HCAPTCHA_SITE_KEY=10000000-ffff-ffff-ffff-000000000001
                HCAPTCHA_SECRET_KEY=0x4AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
                OIDC_ENABLED=true
                OIDC_ISSUER=https://login.idp.example/realms/social
                SAML_ENABLED=false
                SAML_IDP_SSO_TARGET_URL=https://saml.idp.example/sso
                CAS_ENABLED=true
                CAS_URL=https://sso.10.0.0.5.nip.io/
                OTEL_EXPORTER_OTLP_ENDPOINT=https://otlp.eu01.nr-data.example:4318
                """, ""));
        Map<String, Processor> byHost = new java.util.HashMap<>();
        f.processors().forEach(p -> byHost.put(p.host(), p));
        Processor captcha = byHost.get("hcaptcha.com");
        assertTrue(captcha != null && captcha.service().startsWith("CAPTCHA at sign-up"), byHost.toString());
        assertEquals("US", captcha.jurisdiction());
        assertEquals("third country (Art. 44)", captcha.transfer());
        assertTrue(captcha.source().endsWith(".env.production:3"), captcha.source());
        assertEquals("unknown: document by hand", byHost.get("login.idp.example").transfer());
        assertTrue(byHost.get("login.idp.example").service().contains("OpenID Connect"));
        assertTrue(byHost.containsKey("sso.10.0.0.5.nip.io"), "CAS_URL");
        assertTrue(!byHost.containsKey("saml.idp.example"), "SAML_ENABLED=false");
        assertTrue(byHost.get("otlp.eu01.nr-data.example").service().startsWith("telemetry export"));
        assertTrue(f.processors().stream().noneMatch(p -> p.toString().contains("0x4AAA")), "the secret never appears");
    }

    /** dotenv 3 never overwrites the process environment: a unit's Environment= wins over .env.production. */
    @Test
    void aUnitsEnvironmentWinsOverTheEnvFile(@TempDir Path tmp) throws Exception {
        Path root = nativeRoot(tmp, "LOCAL_DOMAIN=social.example\nIP_RETENTION_PERIOD=31556952\nSMTP_PASSWORD=in-the-file\n", "");
        Files.writeString(root.resolve("etc/systemd/system/mastodon-sidekiq.service"), SIDEKIQ_UNIT.formatted("")
                .replace("Environment=\"RAILS_ENV=production\"",
                        "Environment=\"RAILS_ENV=production\" \"IP_RETENTION_PERIOD=63113904\" SMTP_PASSWORD=from-the-unit"));
        FactSet f = collect(root);
        Map<String, Object> ip = map(f, "mastodon.env.ip_retention");
        assertEquals(63113904L, ip.get("seconds"), "the Sidekiq unit's value is the one the IP cleanup uses");
        assertEquals("/etc/systemd/system/mastodon-sidekiq.service:8", ip.get("source"));
        @SuppressWarnings("unchecked")
        List<String> problems = (List<String>) f.get("mastodon.env.problems").orElseThrow().value();
        assertTrue(problems.stream().anyMatch(p -> p.contains("line 2") && p.contains("IP_RETENTION_PERIOD is also set by "
                + "/etc/systemd/system/mastodon-sidekiq.service:8")), problems.toString());
        assertTrue(problems.stream().noneMatch(p -> p.contains("assigned again later")), problems.toString());
        assertTrue(f.get("mastodon.env.secret.smtp_password").map(x -> x.value() instanceof Secret).orElse(true),
                "a unit's secret is a Secret too");
        assertTrue(f.all().values().stream().noneMatch(x -> String.valueOf(x.value()).contains("from-the-unit")
                || x.evidence().stream().anyMatch(e -> e.value().contains("from-the-unit"))), "the unit's password never appears");
    }

    @Test
    void sidekiqWithoutTheSchedulerQueueCleansNothing(@TempDir Path tmp) throws Exception {
        FactSet f = collect(nativeRoot(tmp, "LOCAL_DOMAIN=x.org\nIP_RETENTION_PERIOD=1y\n", "-q default -q push"));
        assertEquals(false, map(f, "mastodon.scheduler").get("scheduler_configured"));
        Map<String, Object> ip = map(f, "mastodon.env.ip_retention");
        assertEquals(1L, ip.get("seconds"), "Ruby's \"1y\".to_i");
        assertEquals(false, ip.get("numeric"));
    }

    @Test
    void secretsAreSecretFactsAndNeverText(@TempDir Path tmp) throws Exception {
        String key = "a".repeat(64) + "b".repeat(64);
        FactSet f = collect(nativeRoot(tmp, "SECRET_KEY_BASE=" + key + "\nDB_PASS=hunter2hunter2\n"
                + "DATABASE_URL=postgres://mastodon:hunter2hunter2@db.example.org/mastodon_production?sslmode=require\n", ""));
        for (Fact fact : f.all().values()) {
            String s = fact.value() + " " + fact.evidence();
            assertFalse(s.contains("hunter2") || s.contains(key), fact.key() + " leaks: " + s);
        }
        Map<String, Object> db = map(f, "mastodon.env.db");
        assertEquals("db.example.org", db.get("host"));
        assertEquals("require", db.get("sslmode"));
        assertEquals(true, db.get("remote"));
    }

    @Test
    void dockerComposeLayoutWithImageVersion(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("opt/mastodon");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(".env.production"), "LOCAL_DOMAIN=social.example.org\nDB_HOST=db\n");
        Files.writeString(dir.resolve("docker-compose.yml"), """
                services:
                  sidekiq:
                    image: ghcr.io/mastodon/mastodon:v4.2.10
                    command: bundle exec sidekiq
                """);
        FactSet f = collect(tmp);
        assertEquals("docker", map(f, "mastodon.layout").get("kind"));
        assertEquals("4.2.10", f.get("mastodon.version").orElseThrow().value());
        assertEquals(true, map(f, "mastodon.scheduler").get("scheduler_configured"));
        assertEquals(false, map(f, "mastodon.env.db").get("remote"), "a compose service name is this host");
    }

    @Test
    void missingEnvFileIsAnErrorWithItsPath(@TempDir Path tmp) throws Exception {
        Path root = nativeRoot(tmp, "", "");
        Files.delete(root.resolve("home/mastodon/live/.env.production"));
        FactSet f = collect(root);
        Unavailable u = f.whyMissing("mastodon.env.ip_retention").orElseThrow();
        assertEquals(Unavailable.Kind.ERROR, u.kind());
        assertEquals("read", u.stage());
        assertTrue(u.reason().contains("/home/mastodon/live/.env.production"), u.reason());
    }

    @Test
    void noInstallIsNotApplicable(@TempDir Path tmp) {
        FactSet f = collect(tmp);
        assertEquals(false, f.get("mastodon.installed").orElseThrow().value());
        assertEquals(Unavailable.Kind.NOT_APPLICABLE, f.whyMissing("mastodon.env.db").orElseThrow().kind());
    }
}
