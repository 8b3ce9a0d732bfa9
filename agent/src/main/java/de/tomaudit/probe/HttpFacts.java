package de.tomaudit.probe;

import de.tomaudit.facts.FactSet;
import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.probe.http.HttpObservation;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code http.plain} and {@code http.secure} facts: what {@code GET /} answered. */
final class HttpFacts {
    static final String PLAIN = "http.plain";
    static final String SECURE = "http.secure";
    static final String PLAIN_COMPLETE = "http.plain_complete";
    static final String SECURE_COMPLETE = "http.secure_complete";
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final Pattern MAX_AGE = Pattern.compile("(?i)(?:^|;)\\s*max-age\\s*=\\s*\"?(\\d{1,18})\"?\\s*(?:;|$)");
    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+|/\\s*\\d");

    private HttpFacts() { }

    static void put(List<EndpointResult> results, FactSet.Builder facts) {
        AspectFacts plain = new AspectFacts("http");
        AspectFacts secure = new AspectFacts("http");
        for (EndpointResult r : results) {
            Endpoint e = r.endpoint();
            if (e.protocol() != Endpoint.Protocol.HTTP || r.status() == EndpointResult.Status.SKIPPED) {
                continue;
            }
            AspectFacts list = e.tls() ? secure : plain;
            if (r.status() == EndpointResult.Status.ERROR) {
                list.error(r.reason());
                continue;
            }
            r.http().ifPresent(a -> {
                a.failure().ifPresent(list::error);
                a.value().ifPresent(o -> {
                    list.probed(e);
                    if (e.tls()) {
                        list.add(e, secure(list.entry(e), o), secureText(o));
                    } else {
                        list.add(e, plain(list.entry(e), o), o.status() + o.header("location").map(l -> " -> " + l).orElse(""));
                    }
                });
            });
        }
        plain.put(facts, PLAIN, PLAIN_COMPLETE, AuditTexts.get("evidence.probe.http.none-plain"));
        secure.put(facts, SECURE, SECURE_COMPLETE, AuditTexts.get("evidence.probe.http.none-secure"));
    }

    private static Map<String, Object> plain(Map<String, Object> m, HttpObservation o) {
        String location = o.header("location").orElse("");
        m.put("url", o.url());
        m.put("status", (long) o.status());
        m.put("location", location);
        m.put("redirects_to_https", REDIRECTS.contains(o.status())
                && location.toLowerCase(Locale.ROOT).startsWith("https://"));
        return m;
    }

    private static Map<String, Object> secure(Map<String, Object> m, HttpObservation o) {
        m.put("url", o.url());
        m.put("status", (long) o.status());
        String sts = o.header("strict-transport-security").orElse("");
        m.put("hsts", !sts.isEmpty());
        m.put("hsts_max_age", maxAge(sts));
        m.put("hsts_include_subdomains", sts.toLowerCase(Locale.ROOT).contains("includesubdomains"));
        m.put("x_content_type_options", o.header("x-content-type-options").orElse(""));
        m.put("referrer_policy", o.header("referrer-policy").orElse(""));
        m.put("content_security_policy", o.header("content-security-policy").orElse(""));
        m.put("x_frame_options", o.header("x-frame-options").orElse(""));
        m.put("server", o.header("server").orElse(""));
        m.put("x_powered_by", o.header("x-powered-by").orElse(""));
        m.put("version_disclosed", discloses(o.header("server").orElse("")) || discloses(o.header("x-powered-by").orElse("")));
        return m;
    }

    /** max-age in seconds; 0 when absent, -1 when the header is there but max-age is missing or malformed. */
    static long maxAge(String sts) {
        if (sts.isEmpty()) {
            return 0;
        }
        for (String part : sts.split(";")) {
            Matcher m = MAX_AGE.matcher(part.trim());
            if (m.find()) {
                return Long.parseLong(m.group(1));
            }
        }
        return -1;
    }

    static boolean discloses(String header) {
        return VERSION.matcher(header).find();
    }

    private static String secureText(HttpObservation o) {
        StringBuilder b = new StringBuilder().append(o.status());
        for (String h : List.of("strict-transport-security", "x-content-type-options", "referrer-policy",
                "content-security-policy", "x-frame-options", "server", "x-powered-by")) {
            o.header(h).ifPresent(v -> b.append("; ").append(h).append(": ").append(v));
        }
        if (o.header("strict-transport-security").isEmpty()) {
            b.append(AuditTexts.get("evidence.probe.http.no-hsts"));
        }
        return b.toString();
    }
}
