package de.tomaudit.collect.host;

import de.tomaudit.collect.Collector;
import de.tomaudit.collect.PlannedAccess;
import de.tomaudit.facts.Evidence;
import de.tomaudit.facts.FactSet;
import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.parse.firewall.FwChain;
import de.tomaudit.parse.firewall.FwProblem;
import de.tomaudit.parse.firewall.FwRuleset;
import de.tomaudit.parse.firewall.IptablesSaveParser;
import de.tomaudit.parse.firewall.NftParser;
import de.tomaudit.parse.firewall.UfwStatus;
import de.tomaudit.parse.firewall.UfwStatusParser;
import de.tomaudit.target.Command;
import de.tomaudit.target.CommandCatalog;
import de.tomaudit.target.CommandResult;
import de.tomaudit.target.Target;
import de.tomaudit.target.TargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's packet filter. Live state first, where commands run: {@code ufw status verbose}
 * (an active ufw decides), then {@code nft list ruleset}, then {@code iptables-save} and
 * {@code ip6tables-save}. Where no command can run (dir: target) or none could read the
 * ruleset, the configuration loaded at boot: ufw ({@code ENABLED=yes} in /etc/ufw/ufw.conf,
 * /etc/default/ufw, user.rules), /etc/nftables.conf when nftables.service is enabled, and
 * /etc/iptables/rules.v4 / rules.v6 (iptables-persistent).
 *
 * <p>Facts: {@code firewall.active}, {@code firewall.backend} (nft, iptables, ufw, none),
 * {@code firewall.input_policy}, {@code firewall.open_ports} (list of {proto, port, from,
 * family, source}), {@code firewall.ipv4_active}, {@code firewall.ipv6_active},
 * {@code firewall.input_chains} and {@code firewall.source} (the command or file).
 */
public final class FirewallCollector implements Collector {
    private static final Logger LOG = LoggerFactory.getLogger(FirewallCollector.class);
    static final String NFT_CONF = "/etc/nftables.conf";
    static final String NFT_ENABLED = "/etc/systemd/system/sysinit.target.wants/nftables.service";
    static final String UFW_CONF = "/etc/ufw/ufw.conf";
    static final String UFW_DEFAULT = "/etc/default/ufw";
    static final List<String> UFW_RULES = List.of("/etc/ufw/user.rules", "/etc/ufw/user6.rules");
    static final List<String> IPTABLES_FILES = List.of("/etc/iptables/rules.v4", "/etc/iptables/rules.v6");

    @Override public String id() { return "firewall"; }
    @Override public Set<String> kinds() { return Set.of("host"); }
    @Override public List<String> provides() { return List.of("firewall"); }

    @Override
    public List<PlannedAccess> plan() {
        List<PlannedAccess> p = new ArrayList<>();
        for (String id : List.of("ufw-status", "nft-ruleset", "iptables-save", "ip6tables-save")) {
            p.add(PlannedAccess.run(CommandCatalog.command(id)));
        }
        p.add(PlannedAccess.read(UFW_CONF, "whether ufw is enabled at boot (when commands cannot run)"));
        p.add(PlannedAccess.read(UFW_DEFAULT, "ufw default input policy"));
        UFW_RULES.forEach(f -> p.add(PlannedAccess.read(f, "ufw user rules (open ports)")));
        p.add(PlannedAccess.read(NFT_CONF, "nftables ruleset loaded at boot (and files it includes)"));
        p.add(PlannedAccess.stat(NFT_ENABLED, "whether nftables.service loads /etc/nftables.conf at boot"));
        IPTABLES_FILES.forEach(f -> p.add(PlannedAccess.read(f, "iptables-persistent rules loaded at boot")));
        return p;
    }

    /** A command that did not give a ruleset; {@code absence}: not installed or not possible here. */
    private record Failure(String message, boolean absence) { }

    /** What one source said: its analysis and where it came from. */
    private record Seen(String backend, FirewallInputAnalysis.Result result, Evidence evidence, String source) { }

    @Override
    public void collect(Target target, FactSet.Builder facts) {
        List<Failure> failures = new ArrayList<>();
        List<Seen> live = new ArrayList<>();
        if (target.canRunCommands()) {
            live(target, failures, live);
        }
        Optional<Seen> activeLive = live.stream().filter(s -> s.result().active()).findFirst();
        if (activeLive.isPresent()) {
            publish(activeLive.get(), facts);
            return;
        }
        if (!live.isEmpty() && failures.stream().allMatch(Failure::absence)) {
            publish(none(live), facts);
            return;
        }
        // nothing live could be read (no commands here, not installed, or not permitted): the boot configuration
        List<Seen> configured = new ArrayList<>();
        try {
            files(target, configured);
        } catch (TargetException e) {
            facts.error("firewall", "read", e.getMessage());
            return;
        }
        Optional<Seen> activeConf = configured.stream().filter(s -> s.result().active()).findFirst();
        if (activeConf.isPresent()) {
            publish(activeConf.get(), facts);
            return;
        }
        if (!live.isEmpty()) {
            publish(none(live), facts);
            return;
        }
        String failed = failures.stream().map(Failure::message).collect(Collectors.joining("; "));
        if (!failures.stream().allMatch(Failure::absence)) {
            facts.error("firewall", "command", AuditTexts.get("evidence.host.firewall.unreadable", failed));
            return;
        }
        List<Seen> all = new ArrayList<>(configured);
        publish(all.isEmpty() ? new Seen("none", new FirewallInputAnalysis.Result(false, false, false, "accept", List.of(),
                List.of()), Evidence.file(NFT_CONF + ", " + UFW_CONF + ", " + IPTABLES_FILES.get(0),
                AuditTexts.get("evidence.firewall-none") + (failed.isEmpty() ? "" : " (" + failed + ")")),
                "files") : none(all), facts);
    }

    private static Seen none(List<Seen> seen) {
        Seen first = seen.get(0);
        List<String> chains = seen.stream().flatMap(s -> s.result().chains().stream()).toList();
        List<FirewallInputAnalysis.OpenPort> open = seen.stream().flatMap(s -> s.result().open().stream()).toList();
        return new Seen("none", new FirewallInputAnalysis.Result(false, false, false, "accept", open, chains),
                first.evidence(), first.source());
    }

    private void live(Target target, List<Failure> failures, List<Seen> live) {
        Optional<CommandResult> ufw = run(target, "ufw-status", failures);
        if (ufw.isPresent()) {
            UfwStatus st = UfwStatusParser.parse(ufw.get().stdout(), ufw.get().command().line());
            if (st.problems().isEmpty()) {
                var r = FirewallInputAnalysis.of(st, ufw.get().command().line());
                if (r.active()) {
                    live.add(new Seen("ufw", r, Evidence.command(ufw.get().command().line(), firstLine(ufw.get().stdout())),
                            "command: " + ufw.get().command().line()));
                    return;
                }
            } else {
                failures.add(new Failure(ufw.get().command().line() + ": " + problems(st.problems()), false));
            }
        }
        Optional<CommandResult> nft = run(target, "nft-ruleset", failures);
        if (nft.isPresent()) {
            FwRuleset rs = NftParser.parseOutput(nft.get().stdout(), nft.get().command().line());
            logProblems(rs.problems());
            if (garbage(rs)) {
                failures.add(new Failure(AuditTexts.get("evidence.host.firewall.no-ruleset", nft.get().command().line(), problems(rs.problems())), false));
            } else {
                live.add(seen("nft", rs, "command: " + nft.get().command().line(),
                        Evidence.command(nft.get().command().line(), summary(rs))));
            }
            if (!live.isEmpty() && live.get(live.size() - 1).result().active()) {
                return;
            }
        }
        List<FwRuleset> ipt = new ArrayList<>();
        String line = "";
        for (String id : List.of("iptables-save", "ip6tables-save")) {
            Optional<CommandResult> r = run(target, id, failures);
            if (r.isPresent()) {
                FwRuleset rs = IptablesSaveParser.parse(r.get().stdout(), id.startsWith("ip6") ? "ip6" : "ip",
                        r.get().command().line());
                logProblems(rs.problems());
                if (garbage(rs)) {
                    failures.add(new Failure(AuditTexts.get("evidence.host.firewall.no-rules", r.get().command().line(), problems(rs.problems())), false));
                    continue;
                }
                ipt.add(rs);
                line = line.isEmpty() ? r.get().command().line() : line + " / " + r.get().command().line();
            }
        }
        if (!ipt.isEmpty()) {
            FwRuleset merged = merge(ipt);
            live.add(seen("iptables", merged, "command: " + line, Evidence.command(line, summary(merged))));
        }
    }

    private void files(Target target, List<Seen> configured) throws TargetException {
        Optional<String> ufwConf = text(target, UFW_CONF);
        if (ufwConf.isPresent() && keyValue(ufwConf.get(), "ENABLED").equalsIgnoreCase("yes")) {
            String policy = text(target, UFW_DEFAULT).map(t -> keyValue(t, "DEFAULT_INPUT_POLICY")).orElse("DROP")
                    .toLowerCase(Locale.ROOT);
            List<FwRuleset> user = new ArrayList<>();
            for (String f : UFW_RULES) {
                Optional<String> t = text(target, f);
                if (t.isPresent()) {
                    user.add(IptablesSaveParser.parse(t.get(), f.contains("6") ? "ip6" : "ip", f));
                }
            }
            // ufw names its IPv6 chains ufw6-…
            List<FirewallInputAnalysis.OpenPort> open = user.stream()
                    .flatMap(rs -> FirewallInputAnalysis.openFrom(rs, "ufw-user-input", "ufw6-user-input").stream()).toList();
            boolean active = !policy.equals("accept");
            configured.add(new Seen("ufw", new FirewallInputAnalysis.Result(active, active, active,
                    policy.equals("reject") ? "reject" : active ? "drop" : "accept", open,
                    List.of("ufw enabled at boot, DEFAULT_INPUT_POLICY=" + policy.toUpperCase(Locale.ROOT))),
                    Evidence.file(UFW_CONF, "ENABLED=yes"), "file: " + UFW_CONF));
        }
        Optional<String> nft = text(target, NFT_CONF);
        if (nft.isPresent()) {
            boolean enabled = target.exists(NFT_ENABLED);
            FwRuleset rs = NftParser.parseFile(NFT_CONF, nft.get(), pattern -> includes(target, pattern));
            logProblems(rs.problems());
            Seen s = seen("nft", rs, "file: " + NFT_CONF, Evidence.file(NFT_CONF, summary(rs)
                    + (enabled ? "" : AuditTexts.get("evidence.host.firewall.nft-not-enabled"))));
            if (!enabled) {
                s = new Seen("nft", new FirewallInputAnalysis.Result(false, false, false, "accept", s.result().open(),
                        s.result().chains()), s.evidence(), s.source());
            }
            configured.add(s);
        }
        List<FwRuleset> ipt = new ArrayList<>();
        for (String f : IPTABLES_FILES) {
            Optional<String> t = text(target, f);
            if (t.isPresent()) {
                ipt.add(IptablesSaveParser.parse(t.get(), f.endsWith("6") ? "ip6" : "ip", f));
            }
        }
        if (!ipt.isEmpty()) {
            FwRuleset merged = merge(ipt);
            configured.add(seen("iptables", merged, "file: " + IPTABLES_FILES.get(0),
                    Evidence.file(IPTABLES_FILES.get(0), summary(merged))));
        }
    }

    /** Lines, but nothing understood: not an (empty) ruleset. */
    private static boolean garbage(FwRuleset rs) {
        return rs.chains().isEmpty() && !rs.problems().isEmpty();
    }

    private static Seen seen(String backend, FwRuleset rs, String source, Evidence evidence) {
        return new Seen(backend, FirewallInputAnalysis.of(rs), evidence, source);
    }

    private static void publish(Seen s, FactSet.Builder facts) {
        var r = s.result();
        List<Evidence> chainEv = new ArrayList<>();
        chainEv.add(s.evidence());
        r.chains().forEach(c -> chainEv.add(new Evidence(s.source(), c)));
        facts.put("firewall.active", r.active(), chainEv);
        facts.put("firewall.backend", r.active() ? s.backend() : "none", s.evidence());
        facts.put("firewall.input_policy", r.policy(), chainEv);
        facts.put("firewall.ipv4_active", r.ipv4(), s.evidence());
        facts.put("firewall.ipv6_active", r.ipv6(), s.evidence());
        facts.put("firewall.input_chains", r.chains(), s.evidence());
        List<Evidence> portEv = r.open().stream()
                .map(o -> new Evidence(o.source(), o.proto() + " " + o.port() + " from " + o.from()
                        + (o.family().equals("any") ? "" : " (" + o.family() + ")")))
                .collect(Collectors.toList());
        facts.put("firewall.open_ports", r.open().stream().map(FirewallInputAnalysis.OpenPort::toMap).toList(),
                portEv.isEmpty() ? List.of(s.evidence()) : portEv);
        facts.put("firewall.source", s.source(), s.evidence());
    }

    private static Optional<CommandResult> run(Target target, String id, List<Failure> failures) {
        Command c = CommandCatalog.command(id);
        try {
            CommandResult r = target.run(c);
            if (r.ok()) {
                return Optional.of(r);
            }
            failures.add(new Failure(AuditTexts.get("evidence.host.exited", c.line(), String.valueOf(r.exitCode()), firstLine(r.stderr())), false));
        } catch (TargetException e) {
            failures.add(new Failure(e.getMessage(), e.isAbsence()));
        }
        return Optional.empty();
    }

    private static FwRuleset merge(List<FwRuleset> sets) {
        List<FwChain> chains = new ArrayList<>();
        List<FwProblem> problems = new ArrayList<>();
        sets.forEach(s -> {
            chains.addAll(s.chains());
            problems.addAll(s.problems());
        });
        return new FwRuleset(chains, problems);
    }

    private static List<NftParser.Includes.Included> includes(Target target, String pattern) throws TargetException {
        String p = pattern.startsWith("/") ? pattern : "/etc/" + pattern;
        List<NftParser.Includes.Included> out = new ArrayList<>();
        List<String> paths = p.indexOf('*') >= 0 || p.indexOf('?') >= 0 ? target.glob(p) : List.of(p);
        for (String path : paths) {
            out.add(new NftParser.Includes.Included(path, target.read(path).text()));
        }
        return out;
    }

    private static Optional<String> text(Target target, String path) throws TargetException {
        try {
            return Optional.of(target.read(path).text());
        } catch (TargetException e) {
            if (e.reason() == TargetException.Reason.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** KEY=value or KEY="value" from a shell-style file; "" when absent. */
    static String keyValue(String text, String key) {
        for (String line : text.split("\n")) {
            String t = line.strip();
            if (t.startsWith(key + "=")) {
                return t.substring(key.length() + 1).replace("\"", "").replace("'", "").strip();
            }
        }
        return "";
    }

    private static String summary(FwRuleset rs) {
        long input = rs.inputFilters().size();
        return AuditTexts.get("evidence.host.firewall.summary", rs.chains().size(), input)
                + (rs.problems().isEmpty() ? "" : AuditTexts.get("evidence.host.firewall.unreadable-lines", rs.problems().size()));
    }

    private static void logProblems(List<FwProblem> problems) {
        if (!problems.isEmpty()) {
            LOG.info("packet filter lines not understood: {}", problems(problems));
        }
    }

    private static String problems(List<FwProblem> p) {
        return p.stream().limit(3).map(FwProblem::toString).collect(Collectors.joining("; "));
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }
}
