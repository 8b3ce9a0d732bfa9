package de.tomaudit.parse.ejabberd;

import de.tomaudit.i18n.AuditTexts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings ejabberdctl (Debian 12, ejabberd 23.01) takes from {@code ejabberdctl.cfg}, which it sources
 * as shell, with the script's own defaults where the file leaves a variable unset, and what they mean for
 * the Erlang distribution:
 * <ul>
 *   <li>{@code ERL_DIST_PORT} set: the node listens on that fixed port and EPMD is not started
 *       ({@code -start_epmd false}); unset: EPMD (TCP 4369) is started and the node takes a random port;</li>
 *   <li>EPMD listens on every interface unless {@code ERL_EPMD_ADDRESS} lists addresses;</li>
 *   <li>the distribution port is bound to {@code INET_DIST_INTERFACE} (added after {@code ERL_OPTIONS}, so it
 *       wins), else to {@code -kernel inet_dist_use_interface} in {@code ERL_OPTIONS}, else to every interface;</li>
 *   <li>{@code FIREWALL_WINDOW} ({@code min-max}) restricts the random port to a range.</li>
 * </ul>
 */
public final class EjabberdctlSettings {
    public static final String SCRIPT = "ejabberdctl 23.01 (Debian 12)";

    /** Set by /usr/sbin/ejabberdctl before it sources the file (so the file may use them). */
    private static final Map<String, String> BEFORE = new LinkedHashMap<>();
    /** Set by /usr/sbin/ejabberdctl after it sourced the file, when the file left them unset. */
    private static final Map<String, String> AFTER = new LinkedHashMap<>();

    static {
        BEFORE.put("POLL", "true");
        BEFORE.put("ERL_MAX_PORTS", "32000");
        BEFORE.put("ERL_PROCESSES", "250000");
        BEFORE.put("ERL_MAX_ETS_TABLES", "1400");
        BEFORE.put("FIREWALL_WINDOW", "");
        BEFORE.put("INET_DIST_INTERFACE", "");
        BEFORE.put("ERLANG_NODE", "ejabberd@localhost");
        BEFORE.put("ERL", "/usr/bin/erl");
        BEFORE.put("EPMD", "/usr/bin/epmd");
        BEFORE.put("INSTALLUSER", "ejabberd");
        BEFORE.put("CONFIG_DIR", "/etc/ejabberd");
        BEFORE.put("LOGS_DIR", "/var/log/ejabberd");
        BEFORE.put("EJABBERD_CONFIG_PATH", "/etc/ejabberd/ejabberd.yml");
        BEFORE.put("EJABBERDCTL_CONFIG_PATH", "/etc/ejabberd/ejabberdctl.cfg");
        AFTER.put("SPOOL_DIR", "/var/lib/ejabberd");
        AFTER.put("EJABBERD_LOG_PATH", "/var/log/ejabberd/ejabberd.log");
        AFTER.put("ERL_OPTIONS", "");
        AFTER.put("ERL_DIST_PORT", "");
        AFTER.put("ERL_EPMD_ADDRESS", "");
    }

    /** A value and where it came from: a file line, or the script's default. */
    public record Setting(String name, String value, Optional<Loc> loc, boolean exact, Optional<String> file) {
        public String source() {
            return loc.map(Loc::toString).orElseGet(() -> "default: "
                    + file.map(f -> AuditTexts.get("evidence.ejabberd.ctl-not-set", SCRIPT, name, f)).orElse(SCRIPT));
        }
    }

    /**
     * The Erlang distribution as ejabberdctl starts it.
     *
     * @param epmdStarted    false when ERL_DIST_PORT is set
     * @param epmdAddresses  ERL_EPMD_ADDRESS split at commas; empty means every interface
     * @param distInterface  the address the distribution port is bound to; empty means every interface
     * @param distPort       the fixed port, 0 when random
     */
    public record Distribution(boolean epmdStarted, List<String> epmdAddresses, Setting epmdSetting,
                               String distInterface, String distInterfaceSource, long distPort, Setting portSetting,
                               Optional<String> portRange, Setting nodeName, Optional<String> cookie) {

        public boolean epmdLoopbackOnly() {
            return !epmdAddresses.isEmpty() && epmdAddresses.stream().allMatch(Addresses::isLoopback);
        }

        public boolean interfaceLoopback() {
            return !distInterface.isEmpty() && Addresses.isLoopback(distInterface);
        }
    }

    private final Optional<ShellAssignments> file;
    private final Optional<String> path;

    private EjabberdctlSettings(Optional<ShellAssignments> file, Optional<String> path) {
        this.file = file;
        this.path = path;
    }

    /** From the text of ejabberdctl.cfg; {@code home} is the HOME of the user ejabberd runs as (for $HOME). */
    public static EjabberdctlSettings parse(String path, String text, String home) {
        Map<String, String> predefined = new LinkedHashMap<>(BEFORE);
        predefined.put("HOME", home);
        return new EjabberdctlSettings(Optional.of(ShellAssignments.parse(path, text, predefined)), Optional.of(path));
    }

    /** No ejabberdctl.cfg: the script's defaults only. */
    public static EjabberdctlSettings defaults() {
        return new EjabberdctlSettings(Optional.empty(), Optional.empty());
    }

    public List<ConfigProblem> problems() {
        return file.map(ShellAssignments::problems).orElse(List.of());
    }

    public Setting get(String name) {
        Optional<ShellAssignments.Assignment> a = file.flatMap(f -> f.get(name));
        if (a.isPresent()) {
            return new Setting(name, a.get().value(), Optional.of(a.get().loc()), a.get().exact(), Optional.of(a.get().loc().file()));
        }
        String d = BEFORE.containsKey(name) ? BEFORE.get(name) : AFTER.getOrDefault(name, "");
        return new Setting(name, d, Optional.empty(), true, path);
    }

    public String spoolDir() {
        String v = get("SPOOL_DIR").value();
        return v.isEmpty() ? AFTER.get("SPOOL_DIR") : v;
    }

    /** CONTRIB_MODULES_CONF_DIR, else $CONTRIB_MODULES_PATH/conf, else $HOME/.ejabberd-modules/conf. */
    public String contribConfDir(String home) {
        String dir = get("CONTRIB_MODULES_CONF_DIR").value();
        if (!dir.isEmpty()) {
            return dir;
        }
        String modules = get("CONTRIB_MODULES_PATH").value();
        return (modules.isEmpty() ? home + "/.ejabberd-modules" : modules) + "/conf";
    }

    public Distribution distribution() {
        Setting port = get("ERL_DIST_PORT");
        Setting epmd = get("ERL_EPMD_ADDRESS");
        Setting iface = get("INET_DIST_INTERFACE");
        Setting erlOptions = get("ERL_OPTIONS");
        ErlOptions erl = ErlOptions.parse(erlOptions.value());
        List<String> epmdAddresses = new ArrayList<>();
        for (String a : epmd.value().split("[,\\s]+")) {
            if (!a.isBlank()) {
                epmdAddresses.add(a.trim());
            }
        }
        String distInterface = "";
        String distSource = "default: " + path.map(f -> AuditTexts.get("evidence.ejabberd.dist-default-file", SCRIPT, f))
                .orElseGet(() -> AuditTexts.get("evidence.ejabberd.dist-default", SCRIPT));
        if (erl.distInterface().isPresent()) {
            distInterface = erl.distInterface().get();
            distSource = erlOptions.source();
        }
        if (!iface.value().isBlank() && parsesAsAddress(iface.value().trim())) {
            distInterface = iface.value().trim();
            distSource = iface.source();
        }
        long fixed = 0;
        try {
            fixed = port.value().isBlank() ? 0 : Long.parseLong(port.value().trim());
        } catch (NumberFormatException e) {
            fixed = 0;
        }
        Optional<String> range = Optional.empty();
        String window = get("FIREWALL_WINDOW").value().trim();
        if (!window.isEmpty()) {
            range = Optional.of(window);
        } else if (erl.listenMin().isPresent() || erl.listenMax().isPresent()) {
            range = Optional.of(erl.listenMin().map(String::valueOf).orElse("") + "-"
                    + erl.listenMax().map(String::valueOf).orElse(""));
        }
        return new Distribution(port.value().isBlank(), List.copyOf(epmdAddresses), epmd, distInterface, distSource,
                fixed, port, range, get("ERLANG_NODE"), erl.cookie());
    }

    /** ejabberdctl asks Erlang's inet:parse_address; a value that fails is silently ignored. */
    static boolean parsesAsAddress(String s) {
        return s.matches("\\d{1,3}(\\.\\d{1,3}){3}") || (s.contains(":") && s.matches("[0-9A-Fa-f:.]+"));
    }
}
