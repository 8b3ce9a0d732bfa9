package de.tomaudit.probe;

import de.tomaudit.facts.Fact;
import de.tomaudit.facts.FactSet;
import de.tomaudit.i18n.AuditTexts;
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
 * Finds the endpoints to probe on a target, from (in this order) {@code --probe} options, the
 * {@code endpoints.<product>} facts collectors add (see docs/probes.md), nginx's
 * {@code listen} directives ({@code nginx.servers}), and the default ports of the detected
 * products. A default is only added for a port nothing else names. Every endpoint is contacted
 * at the target's probe address; one bound to another address is listed as skipped.
 */
public final class EndpointPlanner {
    /** Facts under this prefix list the endpoints a product's configuration declares ({@code endpoints.prosody}, …). */
    public static final String PREFIX = "endpoints.";
    /** The generic one, for collectors without a product of their own. */
    public static final String DECLARED = "endpoints.declared";
    /** Names probed per port at most (TLS vhosts); more are skipped. */
    static final int MAX_NAMES_PER_PORT = 8;
    private static final Pattern LISTEN = Pattern.compile("(?:(\\[[^\\]]*]|[^:\\s]+):)?(\\d{1,5})");

    private final String probeAddress;
    private final String fallbackName;
    private final List<Endpoint> endpoints = new ArrayList<>();
    private final List<EndpointPlan.Skipped> skipped = new ArrayList<>();

    private EndpointPlanner(String probeAddress, String fallbackName) {
        this.probeAddress = probeAddress;
        this.fallbackName = fallbackName;
    }

    /**
     * @param probeAddress the target's probe address (LocalTarget: 127.0.0.1)
     * @param fallbackName the name expected on certificates where nothing names the service (the target's host name)
     */
    public static EndpointPlan plan(FactSet facts, Set<String> kinds, List<ProbeSpec> options, String probeAddress,
                                    String fallbackName) {
        EndpointPlanner p = new EndpointPlanner(probeAddress, fallbackName);
        for (ProbeSpec o : options) {
            p.add(o.endpoint(probeAddress));
        }
        p.declared(facts);
        p.nginx(facts);
        p.defaults(facts, kinds);
        return new EndpointPlan(p.endpoints, p.skipped);
    }

    /** Every {@code endpoints.<product>} fact (and {@code endpoints.declared}), in key order. */
    private void declared(FactSet facts) {
        List<String> keys = facts.all().keySet().stream().filter(k -> k.startsWith(PREFIX)).sorted().toList();
        for (String key : keys) {
            if (facts.get(key).orElseThrow().value() instanceof List<?> list) {
                for (Object o : list) {
                    if (o instanceof Map<?, ?> m) {
                        declared(m, key);
                    }
                }
            }
        }
    }

    private void declared(Map<?, ?> m, String key) {
        String source = text(m, "source");
        Optional<Long> port = number(m.get("port"));
        String service = text(m, "service");
        String what = (service.isEmpty() ? key : service) + " port " + m.get("port");
        if (port.isEmpty() || port.get() < 1 || port.get() > 65535) {
            skipped.add(new EndpointPlan.Skipped(what, source, AuditTexts.get("evidence.probe.no-port")));
            return;
        }
        String host = text(m, "host");
        Optional<String> unreachable = unreachable(host);
        if (unreachable.isPresent()) {
            skipped.add(new EndpointPlan.Skipped(what, source, unreachable.get()));
            return;
        }
        Endpoint.StartTls st = Endpoint.StartTls.parse(text(m, "starttls").toLowerCase(Locale.ROOT))
                .orElse(Endpoint.StartTls.NONE);
        String kind = (text(m, "protocol") + " " + service).toLowerCase(Locale.ROOT);
        Endpoint.Protocol protocol;
        if (st == Endpoint.StartTls.XMPP_CLIENT || kind.contains("xmpp-client") || kind.contains("c2s") || kind.contains("legacy_ssl")) {
            protocol = Endpoint.Protocol.XMPP_CLIENT;
        } else if (st == Endpoint.StartTls.XMPP_SERVER || kind.contains("xmpp-server") || kind.contains("s2s")) {
            protocol = Endpoint.Protocol.XMPP_SERVER;
        } else if (kind.contains("http")) {
            protocol = Endpoint.Protocol.HTTP;
        } else {
            protocol = Endpoint.Protocol.OTHER;
        }
        // "tls" is direct TLS on the socket; with STARTTLS, TLS comes after the plain-text part
        boolean directTls = Boolean.TRUE.equals(m.get("tls")) || "true".equals(String.valueOf(m.get("tls")))
                || (!(m.containsKey("tls")) && protocol == Endpoint.Protocol.OTHER) || text(m, "protocol").equals("https");
        boolean tls = directTls || st != Endpoint.StartTls.NONE;
        if (!tls && protocol != Endpoint.Protocol.HTTP) {
            skipped.add(new EndpointPlan.Skipped(what, source, AuditTexts.get("evidence.probe.plain-service")));
            return;
        }
        String name = firstNonEmpty(text(m, "xmpp_domain"), text(m, "server_name"), fallbackName);
        add(new Endpoint(connectAddress(host), port.get().intValue(), protocol, st, tls, name,
                service.isEmpty() ? key.substring(PREFIX.length()) : service, source, Endpoint.Origin.DECLARED));
    }

    /** The probe address, or the loopback address a loopback-only service is bound to. */
    private String connectAddress(String host) {
        String h = host.replace("[", "").replace("]", "");
        boolean probeLoopback = probeAddress.startsWith("127.") || probeAddress.equals("::1");
        if (probeLoopback && (h.startsWith("127.") || h.equals("::1"))) {
            return h;
        }
        return probeAddress;
    }

    private void nginx(FactSet facts) {
        Optional<Fact> f = facts.get("nginx.servers");
        if (f.isEmpty() || !(f.get().value() instanceof List<?> servers)) {
            return;
        }
        for (Object o : servers) {
            if (!(o instanceof Map<?, ?> server)) {
                continue;
            }
            String source = text(server, "source");
            String name = serverName(server.get("server_name"));
            boolean ssl = Boolean.TRUE.equals(server.get("ssl"));
            if (!(server.get("listen") instanceof List<?> listens)) {
                continue;
            }
            for (Object l : listens) {
                String listen = String.valueOf(l).trim();
                String first = listen.split("\\s+")[0];
                if (first.startsWith("unix:")) {
                    skipped.add(new EndpointPlan.Skipped(listen, source, AuditTexts.get("evidence.probe.unix-socket")));
                    continue;
                }
                Matcher m = LISTEN.matcher(first);
                String host;
                int port;
                if (m.matches()) {
                    host = m.group(1) == null ? "" : m.group(1);
                    port = Integer.parseInt(m.group(2));
                } else {
                    host = first; // an address without a port listens on 80
                    port = 80;
                }
                boolean listenSsl = ssl || List.of(listen.split("\\s+")).contains("ssl");
                if (port < 1 || port > 65535) {
                    skipped.add(new EndpointPlan.Skipped(listen, source, AuditTexts.get("evidence.probe.port-range")));
                    continue;
                }
                Optional<String> unreachable = unreachable(host);
                if (unreachable.isPresent()) {
                    skipped.add(new EndpointPlan.Skipped(listen, source, unreachable.get()));
                    continue;
                }
                add(new Endpoint(probeAddress, port, Endpoint.Protocol.HTTP, Endpoint.StartTls.NONE, listenSsl,
                        name.isEmpty() ? fallbackName : name, listenSsl ? "nginx https" : "nginx http", source,
                        Endpoint.Origin.DECLARED));
            }
        }
    }

    private void defaults(FactSet facts, Set<String> kinds) {
        boolean web = facts.get("nginx.installed").map(x -> Boolean.TRUE.equals(x.value())).orElse(false)
                || kinds.contains("mastodon") || kinds.contains("bbb");
        if (web) {
            addDefault(443, Endpoint.Protocol.HTTP, Endpoint.StartTls.NONE, true, "https");
            addDefault(80, Endpoint.Protocol.HTTP, Endpoint.StartTls.NONE, false, "http");
        }
        if (kinds.contains("prosody") || kinds.contains("ejabberd")) {
            addDefault(5222, Endpoint.Protocol.XMPP_CLIENT, Endpoint.StartTls.XMPP_CLIENT, true, "xmpp c2s");
            addDefault(5269, Endpoint.Protocol.XMPP_SERVER, Endpoint.StartTls.XMPP_SERVER, true, "xmpp s2s");
            addDefault(5223, Endpoint.Protocol.XMPP_CLIENT, Endpoint.StartTls.NONE, true, "xmpp c2s direct TLS");
            addDefault(5270, Endpoint.Protocol.XMPP_SERVER, Endpoint.StartTls.NONE, true, "xmpp s2s direct TLS");
        }
        if (kinds.contains("bbb")) {
            addDefault(7443, Endpoint.Protocol.OTHER, Endpoint.StartTls.NONE, true, "bbb freeswitch wss");
            addDefault(5061, Endpoint.Protocol.OTHER, Endpoint.StartTls.NONE, true, "bbb sip tls");
        }
    }

    private void addDefault(int port, Endpoint.Protocol protocol, Endpoint.StartTls st, boolean tls, String service) {
        if (endpoints.stream().anyMatch(e -> e.port() == port)) {
            return;
        }
        String name = protocol == Endpoint.Protocol.XMPP_CLIENT || protocol == Endpoint.Protocol.XMPP_SERVER
                ? xmppDomain().orElse(fallbackName) : fallbackName;
        endpoints.add(new Endpoint(probeAddress, port, protocol, st, tls, name, service + " (default port)",
                "default port " + port, Endpoint.Origin.DEFAULT));
    }

    private Optional<String> xmppDomain() {
        return endpoints.stream().filter(Endpoint::isXmpp).map(Endpoint::name).filter(n -> !n.isEmpty()).findFirst();
    }

    private void add(Endpoint e) {
        for (Endpoint have : endpoints) {
            if (have.port() == e.port() && have.name().equalsIgnoreCase(e.name())) {
                return; // the first source wins (options, then declarations, then nginx)
            }
        }
        long names = endpoints.stream().filter(x -> x.port() == e.port()).count();
        if (names >= MAX_NAMES_PER_PORT) {
            skipped.add(new EndpointPlan.Skipped(e.id() + " (" + e.name() + ")", e.source(),
                    AuditTexts.get("evidence.probe.too-many-names", String.valueOf(MAX_NAMES_PER_PORT))));
            return;
        }
        endpoints.add(e);
    }

    /** Why an endpoint bound to {@code host} cannot be reached at the probe address, or empty. */
    Optional<String> unreachable(String host) {
        String h = host.replace("[", "").replace("]", "").toLowerCase(Locale.ROOT);
        if (h.isEmpty() || h.equals("*") || h.equals("0.0.0.0") || h.equals("::") || h.equals(probeAddress)) {
            return Optional.empty();
        }
        boolean loopback = h.startsWith("127.") || h.equals("::1") || h.equals("localhost");
        boolean probeLoopback = probeAddress.startsWith("127.") || probeAddress.equals("::1");
        if (loopback && probeLoopback) {
            return Optional.empty();
        }
        return Optional.of(AuditTexts.get("evidence.probe.bound-elsewhere", host, probeAddress));
    }

    private static String serverName(Object names) {
        if (!(names instanceof List<?> list)) {
            return "";
        }
        for (Object o : list) {
            String n = String.valueOf(o);
            if (!n.isEmpty() && !n.equals("_") && !n.startsWith("~") && !n.contains("*") && !n.startsWith("$")) {
                return n;
            }
        }
        return "";
    }

    private static String text(Map<?, ?> m, String key) {
        Object v = m.get(key);
        return v == null ? "" : String.valueOf(v).trim();
    }

    private static Optional<Long> number(Object v) {
        if (v instanceof Number n) {
            return Optional.of(n.longValue());
        }
        if (v instanceof String s) {
            try {
                return Optional.of(Long.parseLong(s.trim()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static String firstNonEmpty(String... values) {
        for (String v : values) {
            if (!v.isEmpty()) {
                return v;
            }
        }
        return "";
    }

    /** For tests and dry runs: the default ports per kind. */
    static Map<String, List<Integer>> defaultPorts() {
        Map<String, List<Integer>> m = new LinkedHashMap<>();
        m.put("web (nginx, mastodon, bbb)", List.of(443, 80));
        m.put("xmpp (prosody, ejabberd)", List.of(5222, 5269, 5223, 5270));
        m.put("bbb", List.of(7443, 5061));
        return m;
    }
}
