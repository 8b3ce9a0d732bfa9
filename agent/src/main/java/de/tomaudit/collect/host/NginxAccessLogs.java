package de.tomaudit.collect.host;

import de.tomaudit.parse.nginx.NginxConfig;
import de.tomaudit.parse.nginx.NginxDirective;
import de.tomaudit.parse.nginx.NginxInheritance;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The access logs nginx actually writes: for every server and every location (and {@code if} /
 * {@code limit_except} inside them) the {@code access_log} directives in effect under nginx's
 * inheritance rule, or nginx's compiled-in default when no level sets one. An http block without
 * any server serves nothing and so writes no access log.
 */
final class NginxAccessLogs {
    /** Debian's build: {@code --prefix=/usr/share/nginx}; relative log paths start there. */
    static final String DEBIAN_PREFIX = "/usr/share/nginx/";
    /** Debian's build: {@code --http-log-path=/var/log/nginx/access.log}, written in format combined. */
    static final String DEBIAN_DEFAULT_ACCESS_LOG = "/var/log/nginx/access.log";

    private static final Set<String> NESTED = Set.of("location", "if", "limit_except");

    record AccessLog(String path, String format, boolean off, boolean isDefault, boolean formatKnown,
                     List<String> ipVariables, String source, String text) {
        /** Whether entries carry a full client IP; an unknown format is assumed to. */
        boolean logsFullIp() {
            return !off && (!formatKnown || !ipVariables.isEmpty());
        }
    }

    private NginxAccessLogs() { }

    static List<AccessLog> of(NginxConfig config, NginxLogFormats formats) {
        Map<String, AccessLog> out = new LinkedHashMap<>();
        config.http().ifPresent(http -> {
            for (NginxDirective server : config.httpServers()) {
                walk(List.of(http, server), formats, out);
            }
        });
        return List.copyOf(out.values());
    }

    private static void walk(List<NginxDirective> chain, NginxLogFormats formats, Map<String, AccessLog> out) {
        List<NginxDirective> eff = NginxInheritance.effective(chain, "access_log");
        if (eff.isEmpty()) {
            out.computeIfAbsent("default", k -> defaultLog(formats));
        } else {
            NginxDirective off = eff.stream().filter(d -> d.arg(0).orElse("").equals("off")).findFirst().orElse(null);
            if (off != null) {
                out.computeIfAbsent(off.source(), k -> new AccessLog("", "", true, false, true, List.of(), off.source(), off.text()));
            } else {
                for (NginxDirective d : eff) {
                    out.computeIfAbsent(d.source(), k -> configured(d, formats));
                }
            }
        }
        NginxDirective here = chain.get(chain.size() - 1);
        for (NginxDirective child : here.children()) {
            if (child.isBlock() && NESTED.contains(child.name())) {
                List<NginxDirective> next = new ArrayList<>(chain);
                next.add(child);
                walk(next, formats, out);
            }
        }
    }

    private static AccessLog defaultLog(NginxLogFormats formats) {
        NginxLogFormats.Format combined = formats.get("combined").orElseThrow();
        return new AccessLog(DEBIAN_DEFAULT_ACCESS_LOG, "combined", false, true, true, combined.ipVariables(),
                "default: nginx access_log " + DEBIAN_DEFAULT_ACCESS_LOG + " combined (no access_log set)",
                "access_log " + DEBIAN_DEFAULT_ACCESS_LOG + " combined");
    }

    private static AccessLog configured(NginxDirective d, NginxLogFormats formats) {
        String path = d.arg(0).orElse("");
        if (!path.startsWith("/") && !path.startsWith("syslog:")) {
            path = DEBIAN_PREFIX + path;
        }
        String formatName = d.arg(1).orElse("combined");
        var format = formats.get(formatName);
        return new AccessLog(path, formatName, false, false, format.isPresent(),
                format.map(NginxLogFormats.Format::ipVariables).orElse(List.of()), d.source(), d.text());
    }
}
