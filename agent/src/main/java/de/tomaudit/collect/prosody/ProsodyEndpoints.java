package de.tomaudit.collect.prosody;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.facts.Evidence;
import de.tomaudit.facts.FactSet;
import de.tomaudit.parse.lua.ConfigOption;
import de.tomaudit.parse.lua.ConfigSection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The network services Prosody opens, as its {@code portmanager} binds them (0.12): for each
 * service the {@code <service>_ports} (or its default) on the {@code <service>_interfaces}, else
 * for private services {@code local_interfaces} (loopback), else {@code interfaces} (all). Gives
 * {@code endpoints.prosody} for the network probes and {@code prosody.admin_console} for the
 * telnet console (mod_admin_telnet; mod_admin_shell uses a local socket instead).
 */
final class ProsodyEndpoints {
    /** Modules that need mod_http (and so open the http and https ports). */
    static final Set<String> HTTP_MODULES = Set.of("http", "bosh", "websocket", "http_file_share", "http_files",
            "http_openmetrics", "http_upload", "invites_page", "register_web", "conversejs", "admin_web",
            "http_altconnect", "http_oauth2", "muc_log_http", "http_upload_external");

    private record Service(String name, String prefix, List<Long> defaultPorts, boolean isPrivate, boolean tls,
                           String starttls) { }

    private static final List<Service> SERVICES = List.of(
            new Service("c2s", "c2s_", List.of(5222L), false, false, "xmpp-client"),
            new Service("c2s_direct_tls", "c2s_direct_tls_", List.of(), false, true, "none"),
            new Service("legacy_ssl", "legacy_ssl_", List.of(), false, true, "none"),
            new Service("s2s", "s2s_", List.of(5269L), false, false, "xmpp-server"),
            new Service("s2s_direct_tls", "s2s_direct_tls_", List.of(), false, true, "none"),
            new Service("http", "http_", List.of(5280L), true, false, "none"),
            new Service("https", "https_", List.of(5281L), false, true, "none"),
            new Service("component", "component_", List.of(5347L), true, false, "none"),
            new Service("console", "console_", List.of(5582L), true, false, "none"));

    private final EffectiveConfig c;

    ProsodyEndpoints(EffectiveConfig c) {
        this.c = c;
    }

    void put(FactSet.Builder facts) {
        Set<String> global = c.modules(ConfigSection.GLOBAL);
        boolean http = c.enabledHosts().stream().anyMatch(h -> c.modules(h.name()).stream().anyMatch(HTTP_MODULES::contains))
                || global.stream().anyMatch(HTTP_MODULES::contains);
        boolean telnet = global.contains("admin_telnet")
                || c.enabledHosts().stream().anyMatch(h -> c.modules(h.name()).contains("admin_telnet"));
        boolean external = c.components().stream().anyMatch(s -> s.componentModule().orElse("").equals("component"));
        String domain = c.virtualHosts().stream().map(ConfigSection::name).findFirst().orElse("");
        List<Map<String, Object>> endpoints = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        for (Service s : SERVICES) {
            boolean active = switch (s.name()) {
                case "c2s", "c2s_direct_tls", "legacy_ssl" -> global.contains("c2s");
                case "s2s", "s2s_direct_tls" -> global.contains("s2s");
                case "http", "https" -> http;
                case "component" -> external;
                case "console" -> telnet;
                default -> false;
            };
            if (!active) {
                continue;
            }
            Optional<ConfigOption> portOption = c.option(ConfigSection.GLOBAL, s.prefix() + "ports");
            List<Long> ports = portOption.map(o -> ports(o.value())).orElse(s.defaultPorts());
            if (ports.isEmpty()) {
                continue;
            }
            Binding b = interfaces(s);
            String source = portOption.map(ConfigOption::source).orElse("default: " + s.prefix() + "ports " + s.defaultPorts());
            for (String iface : b.interfaces()) {
                for (Long port : ports) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("host", iface);
                    m.put("port", port);
                    m.put("starttls", s.starttls());
                    m.put("tls", s.tls());
                    m.put("service", s.name().equals("console") ? "prosody-console" : "prosody-" + s.name());
                    m.put("xmpp_domain", domain);
                    m.put("source", source);
                    endpoints.add(m);
                }
            }
            evidence.add(portOption.map(o -> OptionEvidence.of(o, s.name() + " ports " + ports + " on " + b.interfaces()))
                    .orElseGet(() -> Evidence.byDefault(s.prefix() + "ports", s.name() + " ports " + ports + " on " + b.interfaces()
                            + " (" + b.source() + ")")));
            if (s.name().equals("console")) {
                putConsole(facts, true, global.contains("admin_shell"), b, ports, source);
            }
        }
        if (!telnet) {
            putConsole(facts, false, global.contains("admin_shell"), new Binding(List.of(), ""), List.of(), "");
        }
        facts.put("endpoints.prosody", endpoints, evidence);
    }

    private record Binding(List<String> interfaces, String source) { }

    private Binding interfaces(Service s) {
        for (String name : List.of(s.prefix() + "interfaces", s.prefix() + "interface")) {
            Optional<ConfigOption> o = c.option(ConfigSection.GLOBAL, name);
            if (o.isPresent()) {
                return new Binding(EffectiveConfig.strings(o.get().value()), o.get().source());
            }
        }
        if (s.isPrivate()) {
            Optional<ConfigOption> local = c.option(ConfigSection.GLOBAL, "local_interfaces");
            return local.map(o -> new Binding(EffectiveConfig.strings(o.value()), o.source()))
                    .orElseGet(() -> new Binding(defaults(true), "default: local_interfaces"));
        }
        for (String name : List.of("interfaces", "interface")) {
            Optional<ConfigOption> o = c.option(ConfigSection.GLOBAL, name);
            if (o.isPresent()) {
                return new Binding(EffectiveConfig.strings(o.get().value()), o.get().source());
            }
        }
        return new Binding(defaults(false), "default: interfaces");
    }

    private List<String> defaults(boolean local) {
        List<String> out = new ArrayList<>();
        boolean v4 = c.option(ConfigSection.GLOBAL, "use_ipv4").map(o -> !Boolean.FALSE.equals(o.value())).orElse(true);
        boolean v6 = c.option(ConfigSection.GLOBAL, "use_ipv6").map(o -> !Boolean.FALSE.equals(o.value())).orElse(true);
        if (v4) {
            out.add(local ? "127.0.0.1" : "*");
        }
        if (v6) {
            out.add(local ? "::1" : "::");
        }
        return out;
    }

    private static List<Long> ports(Object value) {
        List<Long> out = new ArrayList<>();
        for (String s : EffectiveConfig.strings(value)) {
            try {
                out.add(Long.parseLong(s.strip()));
            } catch (NumberFormatException e) {
                // Prosody logs "Invalid port number" and skips it
            }
        }
        return out;
    }

    private void putConsole(FactSet.Builder facts, boolean telnet, boolean shell, Binding b, List<Long> ports,
                            String portSource) {
        boolean exposed = b.interfaces().stream().anyMatch(i -> !loopback(i));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("telnet", telnet);
        m.put("shell", shell);
        m.put("interfaces", b.interfaces());
        m.put("ports", ports);
        m.put("exposed", telnet && exposed);
        m.put("source", b.source());
        List<Evidence> ev = new ArrayList<>();
        ev.add(c.modulesEvidence(ConfigSection.GLOBAL, "admin_telnet"));
        if (shell) {
            ev.add(c.modulesEvidence(ConfigSection.GLOBAL, "admin_shell"));
        }
        if (telnet) {
            ev.add(b.source().startsWith("default") ? Evidence.byDefault("console_interfaces", b.interfaces())
                    : new Evidence(b.source(), AuditTexts.get("evidence.prosody.console-bound", String.valueOf(b.interfaces()))));
            ev.add(new Evidence(portSource, AuditTexts.get("evidence.prosody.console-ports", String.valueOf(ports))));
        }
        facts.put("prosody.admin_console", m, ev);
    }

    static boolean loopback(String iface) {
        String i = iface.strip();
        return i.startsWith("127.") || i.equals("::1") || i.equalsIgnoreCase("localhost") || i.equals("0:0:0:0:0:0:0:1");
    }
}
