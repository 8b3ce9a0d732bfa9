package de.tomaudit.collect.host;

import de.tomaudit.parse.nginx.NginxDirective;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code log_format}s of an http block plus nginx's built-in {@code combined}, and which of
 * them write a full client IP address.
 */
final class NginxLogFormats {
    /** nginx's built-in format, used when {@code access_log} names none. */
    static final String COMBINED = "$remote_addr - $remote_user [$time_local] \"$request\" $status "
            + "$body_bytes_sent \"$http_referer\" \"$http_user_agent\"";

    /**
     * Variables holding a full client address: the peer address (also after realip rewrote it),
     * its binary form, and the request headers proxies put the original client in.
     */
    static final Set<String> IP_VARIABLES = Set.of("remote_addr", "binary_remote_addr", "realip_remote_addr",
            "http_x_forwarded_for", "proxy_add_x_forwarded_for", "http_x_real_ip", "http_forwarded",
            "http_true_client_ip", "http_cf_connecting_ip");

    private static final Pattern VARIABLE = Pattern.compile("\\$(?:\\{([A-Za-z0-9_]+)}|([A-Za-z0-9_]+))");

    record Format(String name, String text, boolean builtIn, String source, List<String> ipVariables) {
        boolean logsFullIp() {
            return !ipVariables.isEmpty();
        }
    }

    private final Map<String, Format> formats;

    private NginxLogFormats(Map<String, Format> formats) {
        this.formats = formats;
    }

    /** The formats defined in {@code http} (the only context {@code log_format} is allowed in). */
    static NginxLogFormats of(Optional<NginxDirective> http) {
        Map<String, Format> out = new LinkedHashMap<>();
        out.put("combined", new Format("combined", COMBINED, true, "default: nginx built-in log_format combined",
                ipVariables(COMBINED)));
        http.ifPresent(h -> {
            for (NginxDirective d : h.children("log_format")) {
                if (d.args().isEmpty()) {
                    continue;
                }
                List<String> parts = new ArrayList<>(d.args().subList(1, d.args().size()));
                if (!parts.isEmpty() && parts.get(0).startsWith("escape=")) {
                    parts.remove(0);
                }
                String text = String.join("", parts);
                out.putIfAbsent(d.args().get(0), new Format(d.args().get(0), text, false, d.source(), ipVariables(text)));
            }
        });
        return new NginxLogFormats(out);
    }

    Optional<Format> get(String name) {
        return Optional.ofNullable(formats.get(name));
    }

    List<Format> all() {
        return List.copyOf(formats.values());
    }

    /** The client-address variables a format string writes, in order of first use. */
    static List<String> ipVariables(String format) {
        Set<String> found = new LinkedHashSet<>();
        Matcher m = VARIABLE.matcher(format);
        while (m.find()) {
            String name = (m.group(1) != null ? m.group(1) : m.group(2)).toLowerCase(Locale.ROOT);
            if (IP_VARIABLES.contains(name)) {
                found.add("$" + name);
            }
        }
        return List.copyOf(found);
    }
}
