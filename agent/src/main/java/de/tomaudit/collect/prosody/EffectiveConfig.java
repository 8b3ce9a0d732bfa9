package de.tomaudit.collect.prosody;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.facts.Evidence;
import de.tomaudit.parse.lua.ConfigOption;
import de.tomaudit.parse.lua.ConfigSection;
import de.tomaudit.parse.lua.ConfigTable;
import de.tomaudit.parse.lua.ProsodyConfig;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What Prosody makes of an evaluated configuration: which modules each host loads (0.12
 * {@code modulemanager}: the auto-loaded modules plus the global {@code modules_enabled} minus
 * {@code modules_disabled}; Components keep only the few inheritable ones and add their own
 * module; hosts add their own lists), and option values with inheritance and Prosody's boolean
 * coercion, each with the evidence of where it came from (or the default).
 */
final class EffectiveConfig {
    static final List<String> AUTOLOAD = List.of("presence", "message", "iq", "offline", "c2s", "s2s",
            "s2s_auth_certs", "posix");
    static final Set<String> COMPONENT_INHERITABLE = Set.of("tls", "saslauth", "dialback", "iq", "s2s", "s2s_bidi",
            "smacks", "server_contact_info");

    private final ProsodyConfig config;
    private final ProsodyVersion version;

    EffectiveConfig(ProsodyConfig config, ProsodyVersion version) {
        this.config = config;
        this.version = version;
    }

    ProsodyConfig config() {
        return config;
    }

    ProsodyVersion version() {
        return version;
    }

    /** Enabled VirtualHosts ({@code enabled = false} turns a host off). */
    List<ConfigSection> virtualHosts() {
        return config.hosts().stream().filter(s -> s.kind() == ConfigSection.Kind.VIRTUAL_HOST && enabled(s.name())).toList();
    }

    List<ConfigSection> components() {
        return config.hosts().stream().filter(s -> s.kind() == ConfigSection.Kind.COMPONENT && enabled(s.name())).toList();
    }

    /** VirtualHosts and Components that are enabled. */
    List<ConfigSection> enabledHosts() {
        return config.hosts().stream().filter(s -> enabled(s.name())).toList();
    }

    boolean enabled(String host) {
        return option(host, "enabled").map(o -> truthy(o.value())).orElse(true);
    }

    Optional<ConfigOption> option(String host, String name) {
        return config.option(host, name);
    }

    /** Modules loaded on a host ({@code *}: the global set that VirtualHosts start from). */
    Set<String> modules(String host) {
        Set<String> global = new LinkedHashSet<>(AUTOLOAD);
        global.addAll(list(ConfigSection.GLOBAL, "modules_enabled"));
        global.removeAll(list(ConfigSection.GLOBAL, "modules_disabled"));
        if (host.equals(ConfigSection.GLOBAL)) {
            return global;
        }
        Optional<ConfigSection> section = config.section(host);
        boolean component = section.map(s -> s.kind() == ConfigSection.Kind.COMPONENT).orElse(false);
        Set<String> out = new LinkedHashSet<>(global);
        if (component) {
            out.retainAll(COMPONENT_INHERITABLE);
            section.flatMap(ConfigSection::componentModule).filter(m -> !m.equals("component")).ifPresent(out::add);
        }
        section.flatMap(s -> s.own("modules_enabled")).ifPresent(o -> out.addAll(strings(o.value())));
        section.flatMap(s -> s.own("modules_disabled")).ifPresent(o -> out.removeAll(strings(o.value())));
        if (out.contains("vcard") && out.contains("vcard_legacy")) {
            out.remove("vcard");
        }
        return out;
    }

    /**
     * What decided whether a host loads a module: the entry of modules_disabled that removes it,
     * the entry of the host's own or the global modules_enabled that names it, the Component line
     * that loads it, or (absent everywhere) the modules_enabled list that does not name it.
     */
    Evidence modulesEvidence(String host, String module) {
        Optional<ConfigSection> section = config.section(host);
        if (section.flatMap(ConfigSection::componentModule).filter(module::equals).isPresent()) {
            return new Evidence(section.get().source(), host + ": Component \"" + host + "\" \"" + module + "\"");
        }
        boolean loaded = modules(host).contains(module);
        String text = AuditTexts.get(loaded ? "evidence.prosody.module-loaded" : "evidence.prosody.module-not-loaded",
                host, "mod_" + module);
        for (String list : loaded ? List.of("modules_enabled") : List.of("modules_disabled", "modules_enabled")) {
            Optional<ConfigOption> own = section.flatMap(s -> s.own(list)).filter(o -> strings(o.value()).contains(module));
            Optional<ConfigOption> named = own.isPresent() ? own
                    : config.global().own(list).filter(o -> strings(o.value()).contains(module));
            if (named.isPresent()) {
                return OptionEvidence.entry(named.get(), module, text + " (" + list + " \"" + module + "\")");
            }
        }
        if (loaded && AUTOLOAD.contains(module)) {
            return Evidence.byDefault(AuditTexts.get("evidence.prosody.auto-loaded"), text);
        }
        Optional<ConfigOption> o = section.flatMap(s -> s.own("modules_enabled")).or(() -> config.global().own("modules_enabled"));
        if (o.isPresent()) {
            return OptionEvidence.of(o.get(), AuditTexts.get("evidence.prosody.module-not-listed", host, "mod_" + module));
        }
        return Evidence.byDefault("modules_enabled", text);
    }

    /** An option's strings (a list, or one string). */
    List<String> list(String host, String name) {
        return option(host, name).map(o -> strings(o.value())).orElse(List.of());
    }

    static List<String> strings(Object value) {
        if (value instanceof ConfigTable t) {
            List<String> out = new ArrayList<>(t.strings());
            // set-like tables: { ["mam"] = true }
            t.fields().forEach((k, v) -> {
                if (Boolean.TRUE.equals(v)) {
                    out.add(k);
                }
            });
            return out;
        }
        if (value instanceof String || value instanceof Number) {
            return List.of(String.valueOf(value));
        }
        return List.of();
    }

    /** Lua truthiness: everything but false (nil never reaches here). */
    static boolean truthy(Object value) {
        return !Boolean.FALSE.equals(value);
    }

    /**
     * Prosody's {@code get_option_boolean}: true/"true"/"yes"/"on"/1 and false/"false"/"no"/"off"/0;
     * empty for anything else (Prosody logs it and uses the default).
     */
    static Optional<Boolean> bool(Object value) {
        if (value instanceof Boolean b) {
            return Optional.of(b);
        }
        if (value instanceof Number n) {
            return n.doubleValue() == 1 ? Optional.of(true) : n.doubleValue() == 0 ? Optional.of(false) : Optional.empty();
        }
        if (value instanceof String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on", "1", "enabled" -> Optional.of(true);
                case "false", "no", "off", "0", "disabled" -> Optional.of(false);
                default -> Optional.empty();
            };
        }
        return Optional.empty();
    }

    static String display(Object value) {
        if (value instanceof ConfigTable t) {
            List<String> parts = new ArrayList<>();
            t.list().forEach(v -> parts.add(display(v)));
            t.fields().forEach((k, v) -> parts.add(k + " = " + display(v)));
            return "{ " + String.join(", ", parts) + " }";
        }
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }
}
