package de.tomaudit.probe.mastodon;

import de.tomaudit.i18n.AuditTexts;
import com.fasterxml.jackson.databind.JsonNode;
import de.tomaudit.facts.Evidence;
import de.tomaudit.facts.FactSet;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the public Mastodon API into {@code mastodon.api.*} facts: {@code instance}
 * (registrations_enabled, approval_required, min_age (-1 when absent), contact_email and
 * contact_account as presence only, version, api: v2|v1), {@code privacy_policy} (builtin, updated_at,
 * length), {@code rules} (count), {@code terms} (present, via), {@code nodeinfo} (software, version,
 * open_registrations). Each endpoint that fails is an error of its own (stage http); when the
 * server cannot be reached at all, one error covers {@code mastodon.api}. Never records an e-mail
 * address or any text of the instance beyond lengths.
 */
public final class MastodonApiFacts {
    public static final String PREFIX = "mastodon.api";
    /** updated_at of Mastodon's built-in privacy policy template (config/templates/privacy-policy.md). */
    static final String TEMPLATE_DATE = "2022-10-07T00:00:00";

    /** Every GET {@link #collect} may send, path and when, for {@code --dry-run}. */
    public static final Map<String, String> REQUESTS = requests();

    private MastodonApiFacts() { }

    private static Map<String, String> requests() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("/api/v2/instance", "registrations, approval, contact, minimum age, version");
        m.put("/api/v1/instance", "the same from the older API, only when /api/v2/instance answers 404");
        m.put("/api/v1/instance/privacy_policy", "privacy policy present; the built-in template by its updated_at");
        m.put("/api/v1/instance/rules", "server rules (count)");
        m.put("/api/v1/instance/terms_of_service", "terms of service present");
        m.put("/api/v1/instance/extended_description", "terms in the extended description, only when terms_of_service is 404");
        m.put("/.well-known/nodeinfo", "link to the NodeInfo document");
        m.put("<the NodeInfo link's path, e.g. /nodeinfo/2.0>", "software, version, open registrations");
        return java.util.Collections.unmodifiableMap(m);
    }

    public static void collect(MastodonApiClient api, FactSet.Builder facts) {
        try {
            instance(api, facts);
        } catch (MastodonApiException e) {
            if (e.connection()) {
                facts.error(PREFIX, "http", e.getMessage());
                return;
            }
            facts.error(PREFIX + ".instance", "http", e.getMessage());
        }
        run(facts, PREFIX + ".privacy_policy", () -> privacyPolicy(api, facts));
        run(facts, PREFIX + ".rules", () -> rules(api, facts));
        run(facts, PREFIX + ".terms", () -> terms(api, facts));
        run(facts, PREFIX + ".nodeinfo", () -> nodeinfo(api, facts));
    }

    private interface Call {
        void run() throws MastodonApiException;
    }

    private static void run(FactSet.Builder facts, String key, Call call) {
        try {
            call.run();
        } catch (MastodonApiException e) {
            facts.error(key, "http", e.getMessage());
        }
    }

    private static void instance(MastodonApiClient api, FactSet.Builder facts) throws MastodonApiException {
        Map<String, Object> m = new LinkedHashMap<>();
        Optional<JsonNode> v2 = api.getOptional("/api/v2/instance");
        String url;
        if (v2.isPresent()) {
            JsonNode n = v2.get();
            url = api.url("/api/v2/instance");
            JsonNode reg = n.path("registrations");
            m.put("api", "v2");
            m.put("version", n.path("version").asText(""));
            m.put("registrations_enabled", reg.path("enabled").asBoolean(false));
            m.put("approval_required", reg.path("approval_required").asBoolean(false));
            m.put("min_age", reg.hasNonNull("min_age") ? reg.path("min_age").asLong(-1) : -1L);
            m.put("contact_email", !n.path("contact").path("email").asText("").isBlank());
            m.put("contact_account", n.path("contact").hasNonNull("account"));
        } else {
            JsonNode n = api.get("/api/v1/instance");
            url = api.url("/api/v1/instance");
            m.put("api", "v1");
            m.put("version", n.path("version").asText(""));
            m.put("registrations_enabled", n.path("registrations").asBoolean(false));
            m.put("approval_required", n.path("approval_required").asBoolean(false));
            m.put("min_age", -1L);
            m.put("contact_email", !n.path("email").asText("").isBlank());
            m.put("contact_account", n.hasNonNull("contact_account"));
        }
        facts.put(PREFIX + ".instance", m, Evidence.probe(url, AuditTexts.get("evidence.mastodon.api-instance", String.valueOf(m.get("version")),
                AuditTexts.get("evidence.mastodon." + (Boolean.TRUE.equals(m.get("registrations_enabled")) ? "open" : "closed")
                        + (Boolean.TRUE.equals(m.get("approval_required")) ? "-approval" : "")),
                isSet(m.get("contact_email")), isSet(m.get("contact_account")))));
    }

    private static String isSet(Object flag) {
        return AuditTexts.get(Boolean.TRUE.equals(flag) ? "evidence.mastodon.set" : "evidence.mastodon.not-set");
    }

    private static void privacyPolicy(MastodonApiClient api, FactSet.Builder facts) throws MastodonApiException {
        Optional<JsonNode> n = api.getOptional("/api/v1/instance/privacy_policy");
        if (n.isEmpty()) {
            facts.notApplicable(PREFIX + ".privacy_policy", AuditTexts.get("na.mastodon.no-privacy-policy"));
            return;
        }
        String updated = n.get().path("updated_at").asText("");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("builtin", updated.startsWith(TEMPLATE_DATE));
        m.put("updated_at", updated);
        m.put("length", (long) n.get().path("content").asText("").length());
        facts.put(PREFIX + ".privacy_policy", m, Evidence.probe(api.url("/api/v1/instance/privacy_policy"),
                "updated_at " + updated + (updated.startsWith(TEMPLATE_DATE) ? " " + AuditTexts.get("evidence.mastodon.builtin-template") : "")));
    }

    private static void rules(MastodonApiClient api, FactSet.Builder facts) throws MastodonApiException {
        JsonNode n = api.get("/api/v1/instance/rules");
        if (!n.isArray()) {
            throw new MastodonApiException(api.url("/api/v1/instance/rules") + ": not a list", false, 200);
        }
        facts.put(PREFIX + ".rules", Map.of("count", (long) n.size()),
                Evidence.probe(api.url("/api/v1/instance/rules"), AuditTexts.get("evidence.mastodon.rules", String.valueOf(n.size()))));
    }

    private static void terms(MastodonApiClient api, FactSet.Builder facts) throws MastodonApiException {
        Optional<JsonNode> n = api.getOptional("/api/v1/instance/terms_of_service");
        Map<String, Object> m = new LinkedHashMap<>();
        if (n.isPresent()) {
            m.put("present", !n.get().path("content").asText("").isBlank());
            m.put("via", "terms_of_service");
            facts.put(PREFIX + ".terms", m, Evidence.probe(api.url("/api/v1/instance/terms_of_service"), AuditTexts.get("evidence.mastodon.published")));
            return;
        }
        Optional<JsonNode> ext = api.getOptional("/api/v1/instance/extended_description");
        boolean present = ext.isPresent() && !ext.get().path("content").asText("").isBlank();
        m.put("present", present);
        m.put("via", "extended_description");
        facts.put(PREFIX + ".terms", m, Evidence.probe(api.url("/api/v1/instance/terms_of_service"), AuditTexts.get("evidence.mastodon.none-published")),
                Evidence.probe(api.url("/api/v1/instance/extended_description"), AuditTexts.get(present ? "evidence.mastodon.has-content" : "evidence.mastodon.empty")));
    }

    private static void nodeinfo(MastodonApiClient api, FactSet.Builder facts) throws MastodonApiException {
        JsonNode wk = api.get("/.well-known/nodeinfo");
        String href = "";
        for (JsonNode link : wk.path("links")) {
            String h = link.path("href").asText("");
            if (!h.isEmpty()) {
                href = h;
            }
        }
        if (href.isEmpty()) {
            throw new MastodonApiException(api.url("/.well-known/nodeinfo") + ": no link to a NodeInfo document", false, 200);
        }
        String path;
        try {
            URI u = URI.create(href);
            path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
        } catch (IllegalArgumentException e) {
            throw new MastodonApiException(api.url("/.well-known/nodeinfo") + ": invalid NodeInfo link", false, 200);
        }
        JsonNode n = api.get(path);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("software", n.path("software").path("name").asText(""));
        m.put("version", n.path("software").path("version").asText(""));
        m.put("open_registrations", n.path("openRegistrations").asBoolean(false));
        facts.put(PREFIX + ".nodeinfo", m, Evidence.probe(api.url(path), m.get("software") + " " + m.get("version")
                + ", openRegistrations " + m.get("open_registrations")));
    }
}
