package de.tomaudit.target;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The allow-list: every command the agent may run on a target, read-only by construction.
 * A command has fixed words; a few take one argument that must match a strict pattern
 * (no spaces, no shell metacharacters). Targets call {@link #verify} before running anything.
 */
public final class CommandCatalog {

    /** One allowed command: words, with {@code {}} where the one argument goes. */
    public record Spec(String id, List<String> template, boolean needsRoot, String purpose, Pattern argPattern) {
        boolean takesArgument() {
            return template.contains("{}");
        }
    }

    private static final Pattern SAFE_ARG = Pattern.compile("[A-Za-z0-9_.,=:@/+-]{1,200}");
    private static final Map<String, Spec> SPECS = new LinkedHashMap<>();

    static {
        add("sshd-effective", true, "effective sshd configuration", "sshd", "-T");
        addArg("sshd-effective-match", true, "effective sshd configuration for a Match context",
                SAFE_ARG, "sshd", "-T", "-C", "{}");
        add("nginx-effective", true, "effective nginx configuration with all includes", "nginx", "-T");
        add("ss-listening", true, "listening TCP and UDP sockets with their processes", "ss", "-H", "-tulpn");
        add("nft-ruleset", true, "nftables packet filter rules", "nft", "list", "ruleset");
        add("iptables-save", true, "iptables IPv4 rules", "iptables-save");
        add("ip6tables-save", true, "iptables IPv6 rules", "ip6tables-save");
        add("ufw-status", true, "ufw firewall state", "ufw", "status", "verbose");
        add("processes", false, "running processes (names and arguments)", "ps", "-e", "-o", "user=,comm=,args=");
        add("apt-simulate-upgrade", false, "pending package updates (simulation, changes nothing)",
                "apt-get", "-s", "-o", "Debug::NoLocking=true", "dist-upgrade");
        add("systemctl-timers", false, "systemd timers", "systemctl", "list-timers", "--all", "--no-pager", "--no-legend");
        add("systemctl-failed-units", false, "active units", "systemctl", "list-units", "--type=service", "--state=active",
                "--no-pager", "--no-legend");
        add("fail2ban-status", true, "fail2ban jails", "fail2ban-client", "status");
        addArg("fail2ban-jail", true, "one fail2ban jail", Pattern.compile("[A-Za-z0-9_.-]{1,64}"),
                "fail2ban-client", "status", "{}");
        add("uname-release", false, "running kernel release", "uname", "-r");
        add("lsblk", false, "block devices and crypto layers", "lsblk", "-P", "-o", "NAME,TYPE,FSTYPE,MOUNTPOINT");
    }

    private CommandCatalog() { }

    private static void add(String id, boolean root, String purpose, String... words) {
        SPECS.put(id, new Spec(id, List.of(words), root, purpose, null));
    }

    private static void addArg(String id, boolean root, String purpose, Pattern argPattern, String... words) {
        SPECS.put(id, new Spec(id, List.of(words), root, purpose, argPattern));
    }

    /** The command with that id; fails for unknown ids (a programming error). */
    public static Command command(String id) {
        Spec spec = spec(id);
        if (spec.takesArgument()) {
            throw new IllegalArgumentException("command " + id + " takes an argument");
        }
        return new Command(id, spec.template(), spec.needsRoot());
    }

    /** The command with its one argument, which must match the spec's pattern. */
    public static Command command(String id, String argument) {
        Spec spec = spec(id);
        if (!spec.takesArgument() || argument == null || !spec.argPattern().matcher(argument).matches()) {
            throw new IllegalArgumentException("argument not allowed for " + id + ": " + argument);
        }
        List<String> argv = new ArrayList<>();
        for (String w : spec.template()) {
            argv.add(w.equals("{}") ? argument : w);
        }
        return new Command(id, argv, spec.needsRoot());
    }

    public static Spec spec(String id) {
        Spec spec = SPECS.get(id);
        if (spec == null) {
            throw new IllegalArgumentException("no such command in the allow-list: " + id);
        }
        return spec;
    }

    public static List<Spec> all() {
        return List.copyOf(SPECS.values());
    }

    /** Refuses any command whose argv is not exactly an allowed one. */
    public static void verify(Command command) throws TargetException {
        Spec spec = SPECS.get(command.id());
        if (spec != null && command.argv().size() == spec.template().size()) {
            boolean ok = true;
            for (int i = 0; i < spec.template().size() && ok; i++) {
                String t = spec.template().get(i);
                String a = command.argv().get(i);
                ok = t.equals("{}") ? spec.argPattern().matcher(a).matches() : t.equals(a);
            }
            if (ok) {
                return;
            }
        }
        throw new TargetException(TargetException.Reason.NOT_ALLOWED, command.line(),
                "refused: not in the command allow-list: " + command.line());
    }
}
