package de.tomaudit.collect.host;

import de.tomaudit.parse.nginx.NginxConfig;
import de.tomaudit.parse.nginx.NginxDirective;
import de.tomaudit.parse.nginx.NginxInheritance;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What each http {@code server} block offers: listeners, TLS, protocols, HSTS, redirect. */
final class NginxServers {
    private static final Pattern MAX_AGE = Pattern.compile("(?i)max-age\\s*=\\s*\"?(\\d+)");
    private static final Set<Integer> REDIRECT_CODES = Set.of(301, 302, 303, 307, 308);

    record Server(List<String> listen, boolean listenDefault, List<String> serverNames, boolean ssl,
                  List<String> sslProtocols, String sslProtocolsSource, boolean hsts, long hstsMaxAge,
                  List<String> hstsDroppedIn, boolean redirectsToHttps, String serverTokens, String source) { }

    private NginxServers() { }

    static List<Server> of(NginxConfig config, NginxSslDefaults defaults) {
        List<Server> out = new ArrayList<>();
        NginxDirective http = config.http().orElse(null);
        if (http == null) {
            return out;
        }
        for (NginxDirective server : config.httpServers()) {
            out.add(server(http, server, defaults));
        }
        return out;
    }

    private static Server server(NginxDirective http, NginxDirective server, NginxSslDefaults defaults) {
        List<NginxDirective> chain = List.of(http, server);
        List<String> listen = new ArrayList<>();
        boolean ssl = false;
        for (NginxDirective l : server.children("listen")) {
            listen.add(String.join(" ", l.args()));
            ssl |= l.args().stream().skip(1).anyMatch(a -> a.equals("ssl") || a.equals("quic"));
        }
        boolean listenDefault = listen.isEmpty();
        if (listenDefault) {
            listen.add("*:80");
        }
        ssl |= NginxInheritance.effective(chain, "ssl").stream().anyMatch(d -> d.arg(0).orElse("").equals("on"));

        List<NginxDirective> protocols = NginxInheritance.effective(chain, "ssl_protocols");
        List<String> sslProtocols;
        String protocolsSource;
        if (protocols.isEmpty()) {
            sslProtocols = defaults.protocols();
            protocolsSource = defaults.source();
        } else {
            NginxDirective last = protocols.get(protocols.size() - 1);
            sslProtocols = last.args();
            protocolsSource = last.source();
        }

        List<NginxDirective> headers = NginxInheritance.effective(chain, "add_header");
        Optional<NginxDirective> sts = hsts(headers);
        List<String> dropped = new ArrayList<>();
        if (sts.isPresent()) {
            collectDropped(chain, dropped);
        }

        List<NginxDirective> tokens = NginxInheritance.effective(chain, "server_tokens");
        String serverTokens = tokens.isEmpty() ? "on" : tokens.get(tokens.size() - 1).arg(0).orElse("on");

        return new Server(listen, listenDefault, server.children("server_name").stream()
                .flatMap(d -> d.args().stream()).toList(), ssl, sslProtocols, protocolsSource,
                sts.isPresent(), sts.map(NginxServers::maxAge).orElse(0L), dropped, redirectsToHttps(server),
                serverTokens, server.source());
    }

    private static Optional<NginxDirective> hsts(List<NginxDirective> headers) {
        return headers.stream()
                .filter(h -> h.arg(0).orElse("").toLowerCase(Locale.ROOT).equals("strict-transport-security"))
                .findFirst();
    }

    private static long maxAge(NginxDirective sts) {
        Matcher m = MAX_AGE.matcher(sts.arg(1).orElse(""));
        if (!m.find()) {
            return 0L;
        }
        try {
            return Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    /** Locations (and ifs in them) whose own add_header set loses the HSTS header of the server. */
    private static void collectDropped(List<NginxDirective> chain, List<String> dropped) {
        NginxDirective here = chain.get(chain.size() - 1);
        for (NginxDirective child : here.children()) {
            if (!child.isBlock() || !(child.name().equals("location") || child.name().equals("if")
                    || child.name().equals("limit_except"))) {
                continue;
            }
            List<NginxDirective> next = new ArrayList<>(chain);
            next.add(child);
            if (!child.children("add_header").isEmpty() && hsts(child.children("add_header")).isEmpty()) {
                dropped.add(child.source());
            }
            collectDropped(next, dropped);
        }
    }

    /**
     * A redirect to https for every request: a {@code return} with a 30x code (or a bare URL) to an
     * https:// URL, or a {@code rewrite} to an https:// URL, at server level, in {@code location /}
     * (also {@code location ^~ /}, as bbb-install.sh writes it: the same prefix, regex locations skipped),
     * or in an {@code if} at server level.
     */
    static boolean redirectsToHttps(NginxDirective server) {
        if (redirectsHere(server)) {
            return true;
        }
        for (NginxDirective child : server.children()) {
            if (!child.isBlock()) {
                continue;
            }
            boolean rootLocation = child.name().equals("location")
                    && (child.args().equals(List.of("/")) || child.args().equals(List.of("^~", "/")));
            if ((rootLocation || child.name().equals("if")) && redirectsHere(child)) {
                return true;
            }
        }
        return false;
    }

    private static boolean redirectsHere(NginxDirective block) {
        for (NginxDirective d : block.children()) {
            if (d.isBlock()) {
                continue;
            }
            if (d.name().equals("return")) {
                List<String> a = d.args();
                if (a.size() == 1 && isHttps(a.get(0))) {
                    return true;
                }
                if (a.size() == 2 && isRedirectCode(a.get(0)) && isHttps(a.get(1))) {
                    return true;
                }
            }
            if (d.name().equals("rewrite") && d.args().size() >= 2 && isHttps(d.args().get(1))) {
                String flag = d.arg(2).orElse("");
                if (flag.isEmpty() || flag.equals("permanent") || flag.equals("redirect")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isRedirectCode(String s) {
        try {
            return REDIRECT_CODES.contains(Integer.parseInt(s));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isHttps(String url) {
        return url.toLowerCase(Locale.ROOT).startsWith("https://");
    }
}
