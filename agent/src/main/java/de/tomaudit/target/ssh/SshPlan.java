package de.tomaudit.target.ssh;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.target.Command;
import de.tomaudit.target.CommandCatalog;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What an SSH audit would do, worked out without any network access (for {@code --dry-run}):
 * where it would connect after the client config, and each command exactly as it would be sent.
 */
public final class SshPlan {
    private final ResolvedHost host;
    private final List<String> hops;
    private final SshOptions options;
    private final SudoPolicy sudo;

    private SshPlan(ResolvedHost host, List<String> hops, SshOptions options) {
        this.host = host;
        this.hops = hops;
        this.options = options;
        this.sudo = new SudoPolicy(options.sudo(), host.user(), host.hostPort());
    }

    /** Resolves the destination through the client config; reads local files only. */
    public static SshPlan of(SshDestination destination, SshOptions options) throws SshConnectException {
        ClientConfig config = ClientConfig.load(options);
        ResolvedHost h = config.resolve(destination);
        List<String> hops = new ArrayList<>();
        for (String j : h.proxyJump()) {
            hops.add(config.resolveHop(j).display());
        }
        return new SshPlan(h, hops, options);
    }

    /** Comment lines: the connection, host-key file and keys that would be used. */
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        out.add(AuditTexts.get("dryrun.ssh.connection", host.display() + (hops.isEmpty() ? ""
                        : AuditTexts.get("dryrun.ssh.via", String.join(" -> ", hops))), String.valueOf(options.knownHostsFile()))
                + (options.acceptNewHostKey() ? AuditTexts.get("dryrun.ssh.accept-new") : ""));
        List<String> keys = new ArrayList<>();
        KeyFiles.candidates(options, List.of(host)).forEach(p -> keys.add(p.toString()));
        if (options.agentSocket().isPresent() && !host.identitiesOnly()) {
            keys.add("ssh-agent " + options.agentSocket().get());
        }
        out.add(AuditTexts.get("dryrun.ssh.keys", keys.isEmpty() ? AuditTexts.get("dryrun.ssh.no-keys") : String.join(", ", keys)));
        out.add(AuditTexts.get("dryrun.ssh.files") + (sudo.enabled()
                ? AuditTexts.get("dryrun.ssh.sftp-denied", RemoteCommand.sudoCat("PATH") + ", " + RemoteCommand.sudoStat("PATH") + ", "
                        + RemoteCommand.sudoList("DIR"))
                : ""));
        out.add(AuditTexts.get("dryrun.ssh.no-sftp", RemoteCommand.cat("PATH", false) + ", " + RemoteCommand.stat("PATH", false)
                + ", " + RemoteCommand.list("DIR", false)) + (sudo.enabled() ? AuditTexts.get("dryrun.ssh.then-sudo") : ""));
        return out;
    }

    /** An allow-listed command line (as a plan prints it) exactly as it would be sent on the exec channel. */
    public String commandLine(String planned) {
        List<String> argv = Arrays.asList(planned.split(" "));
        boolean root = false;
        for (CommandCatalog.Spec s : CommandCatalog.all()) {
            if (matches(s.template(), argv)) {
                root = s.needsRoot();
                break;
            }
        }
        return RemoteCommand.of(new Command("planned", argv, root), root && sudo.enabled());
    }

    private static boolean matches(List<String> template, List<String> argv) {
        if (template.size() != argv.size()) {
            return false;
        }
        for (int i = 0; i < template.size(); i++) {
            if (!template.get(i).equals("{}") && !template.get(i).equals(argv.get(i))) {
                return false;
            }
        }
        return true;
    }
}
