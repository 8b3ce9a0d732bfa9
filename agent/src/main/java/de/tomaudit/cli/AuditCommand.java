package de.tomaudit.cli;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.audit.AuditOptions;
import de.tomaudit.mastodondb.MastodonDbSettings;
import de.tomaudit.audit.TargetOpener;
import de.tomaudit.audit.KindDetector;
import de.tomaudit.audit.TargetAuditor;
import de.tomaudit.audit.TargetSpec;
import de.tomaudit.fleet.FleetProgress;
import de.tomaudit.fleet.FleetRunner;
import de.tomaudit.fleet.FleetTarget;
import de.tomaudit.fleet.SameTargets;
import de.tomaudit.fleet.InventoryException;
import de.tomaudit.fleet.InventoryLoader;
import de.tomaudit.collect.Collector;
import de.tomaudit.collect.CollectorRegistry;
import de.tomaudit.collect.policy.PolicyCollector;
import de.tomaudit.parse.yaml.YamlException;
import de.tomaudit.policy.PolicyClaims;
import de.tomaudit.policy.PolicyFile;
import de.tomaudit.policy.PolicyFileException;
import de.tomaudit.probe.ProbePhase;
import de.tomaudit.probe.ProbeSettings;
import de.tomaudit.probe.ProbeSpec;
import de.tomaudit.report.RenderOptions;
import de.tomaudit.report.Renderer;
import de.tomaudit.report.Renderers;
import de.tomaudit.history.HistoryDatabase;
import de.tomaudit.history.HistoryException;
import de.tomaudit.history.HistoryLocation;
import de.tomaudit.result.AuditResult;
import de.tomaudit.round.LeaseBoard;
import de.tomaudit.round.RoundRunner;
import de.tomaudit.rules.Rule;
import de.tomaudit.rules.RuleFileException;
import de.tomaudit.rules.PendingRules;
import de.tomaudit.rules.RuleLoader;
import de.tomaudit.rules.Severity;
import de.tomaudit.target.Limits;
import de.tomaudit.target.ssh.SshOptions;
import de.tomaudit.waiver.Waiver;
import de.tomaudit.waiver.WaiverFile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tomaudit audit}: collect, evaluate, report, store in the history; exit 0/1/2/3/4. */
@Command(name = "audit", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Audit one or more targets (default: this machine) and report the findings.",
        footer = {"", "Exit codes: 0 no failed finding at or above --fail-on; 1 failed findings at or above it;",
                "2 usage or configuration error; 3 a target could not be audited completely;",
                "4 the report is written but the run could not be stored in the history (2 and 3 come first)."})
public final class AuditCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "TARGET", arity = "0..*",
            description = "local (default), dir:/path, ssh://user@host[:port], user@host, bundle:/path.tar.gz")
    List<String> targets = new ArrayList<>();

    @Option(names = "--kind", paramLabel = "KIND", split = ",",
            description = "Audit these products instead of detecting them: mastodon, prosody, ejabberd, bbb, host")
    List<String> kinds = new ArrayList<>();

    @Option(names = "--inventory", paramLabel = "FILE",
            description = "Targets from an inventory: tomaudit YAML, or Ansible INI or YAML (see examples/inventory)")
    Path inventory;

    @Option(names = "--rules", paramLabel = "DIR", description = "Additional rule packs (a rule with a built-in id replaces it)")
    List<Path> ruleDirs = new ArrayList<>();

    @Option(names = "--waivers", paramLabel = "FILE", description = "Accepted risks with justification and expiry date")
    Path waivers;

    @Option(names = "--policy", paramLabel = "FILE", description = "What the privacy notice promises (claims file)")
    Path policy;

    @Option(names = "--format", paramLabel = "FORMAT", split = ",",
            description = "console (default), json, html, md, csv, junit, sarif, pdf; the TOM annex: tom (HTML), "
                    + "tom-md, tom-pdf, tom-docx (several with --output DIR); with --dry-run also sh (the offline "
                    + "collection script scripts/collect.sh)")
    List<String> formats = new ArrayList<>();

    @Option(names = "--output", paramLabel = "PATH",
            description = "Write to this file (one format) or directory (several formats: tomaudit-report.<ext> each) "
                    + "instead of stdout; files are readable by their owner only")
    Path output;

    @Option(names = "--lang", paramLabel = "LANG", description = "de or en (default: from LANG, else en)")
    String lang;

    @Option(names = "--tom-group", paramLabel = "VOCABULARY", defaultValue = "kontrolle",
            description = "TOM annex (tom, tom-md, tom-pdf, tom-docx): group by kontrolle (default: the control categories "
                    + "of German TOM templates), gdpr (articles) or sdm (SDM protection goals)")
    String tomGroup;

    @Option(names = "--org", paramLabel = "NAME",
            description = "TOM annex: the organisation (controller) named in its header; default: the inventory's "
                    + "variable organisation (or org, owner) where the targets give one")
    String org;

    @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "high",
            description = "Exit 1 for failed findings at or above: low, medium, high (default), critical")
    String failOn;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "4", description = "Targets audited at once (default 4)")
    int parallel;

    @Option(names = "--fail-on-regression",
            description = "Also exit 1 when a finding that passed in the target's previous stored run fails now "
                    + "(needs the history)")
    boolean failOnRegression;

    @Option(names = "--history", paramLabel = "JDBC_URL",
            description = "Store the run in this database: jdbc:postgresql://host:port/db?user=NAME (password from "
                    + "PGPASSWORD or ~/.pgpass, never in the URL); default: the embedded database under "
                    + "$${XDG_DATA_HOME:-~/.local/share}/tomaudit/")
    String history;

    @Option(names = "--no-history", description = "Do not store the run")
    boolean noHistory;

    @Option(names = "--round", paramLabel = "NAME",
            description = "Share the inventory with the other agents that name the same round on the same PostgreSQL "
                    + "--history: each target is audited once, by whichever agent leases it first")
    String round;

    @Option(names = "--lease-timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "With --round: a target whose agent stopped renewing its lease (it died) for this long goes to "
                    + "another agent (default 120)")
    int leaseTimeout;

    @Option(names = "--sudo",
            description = "SSH targets: run root-only commands with sudo -n (never a password prompt) and read files SFTP "
                    + "may not read with sudo -n cat; where sudo is refused, those facts are not applicable and the "
                    + "target is partial")
    boolean sudo;

    @Option(names = "--accept-new-host-key",
            description = "Add an unknown SSH host key to known_hosts (hashed) and go on. Without it an unknown key stops "
                    + "the target with the key's fingerprint; a changed key is always refused")
    boolean acceptNewHostKey;

    @Option(names = "--identity", paramLabel = "FILE",
            description = "Private key for SSH targets (repeatable). Default: the IdentityFile of the SSH config, else "
                    + "~/.ssh/id_ed25519, id_ecdsa, id_rsa; keys of ssh-agent (SSH_AUTH_SOCK) are offered first. "
                    + "Encrypted keys: ssh-agent, or the passphrase in TOMAUDIT_SSH_KEY_PASSPHRASE (never on the "
                    + "command line)")
    List<Path> identities = new ArrayList<>();

    @Option(names = "--known-hosts", paramLabel = "FILE",
            description = "known_hosts for strict host-key checking (default ~/.ssh/known_hosts)")
    Path knownHosts;

    @Option(names = "--ssh-config", paramLabel = "FILE",
            description = "OpenSSH client config for host aliases: HostName, User, Port, IdentityFile, IdentitiesOnly, "
                    + "ProxyJump (default ~/.ssh/config)")
    Path sshConfig;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Longest an SSH connect, key exchange and login may take, per hop (default 10)")
    int connectTimeout;

    @Option(names = "--target-timeout", paramLabel = "SECONDS", defaultValue = "600",
            description = "Longest one target may take in all (default 600): an SSH target's connection is then closed and "
                    + "it is partial; any target still not done a little later is stopped and reported unreachable "
                    + "(stage timeout), so one slow target never holds up a fleet")
    int targetTimeout;

    @Option(names = "--dry-run",
            description = "List every file and command the audit would touch, and touch none. SSH targets are not "
                    + "contacted at all (no connection, not even the host-key check); their commands are shown exactly"
                    + " as they would be sent (env, sudo -n, quoting)")
    boolean dryRun;

    @Option(names = "--command-timeout", paramLabel = "SECONDS", defaultValue = "15",
            description = "Longest a command on a target may run (default 15)")
    int commandTimeout;

    @Option(names = "--max-file-size", paramLabel = "BYTES", defaultValue = "4194304",
            description = "Largest file read from a target (default 4 MiB)")
    long maxFileSize;

    @Option(names = "--probe", paramLabel = "NAME:PORT[/MODE]",
            description = "Also probe this endpoint (repeatable). NAME is the service name (SNI, certificate, XMPP domain); "
                    + "the connection goes to the target's own address. MODE: tls (default), https, http, xmpp-client, "
                    + "xmpp-server (STARTTLS), xmpps-client, xmpps-server (direct TLS)")
    List<String> probeSpecs = new ArrayList<>();

    @Option(names = "--no-probe", description = "No network probes (TLS, XMPP, HTTP): their findings become not-applicable")
    boolean noProbe;

    @Option(names = "--probe-only", description = "Only probe the --probe endpoints and judge them with the tls and http "
            + "rules: no files read, no commands run")
    boolean probeOnly;

    @Option(names = "--probe-connect-timeout", paramLabel = "SECONDS", defaultValue = "3",
            description = "TCP connect timeout of a probe (default 3)")
    double probeConnectTimeout;

    @Option(names = "--probe-read-timeout", paramLabel = "SECONDS", defaultValue = "5",
            description = "Longest a probe waits for an answer (default 5)")
    double probeReadTimeout;

    @Option(names = "--probe-concurrency", paramLabel = "N", defaultValue = "4",
            description = "Connections open to one endpoint at once (default 4)")
    int probeConcurrency;

    @Option(names = "--probe-parallel", paramLabel = "N", defaultValue = "4",
            description = "Endpoints of one target probed at once (default 4)")
    int probeParallel;

    @Option(names = "--probe-budget", paramLabel = "SECONDS", defaultValue = "60",
            description = "Total time for all probes of one target; what is left undone is an error (default 60)")
    double probeBudget;

    @Option(names = "--mastodon-db", paramLabel = "JDBC_URL",
            description = "The Mastodon database to verify retention on (jdbc:postgresql://host:port/name); needed for dir: "
                    + "and bundle: targets, else taken from .env.production (through the SSH connection for SSH targets)")
    String mastodonDb;

    @Option(names = "--mastodon-db-user", paramLabel = "NAME", defaultValue = MastodonDbSettings.DEFAULT_USER,
            description = "The read-only role (default tomaudit_ro); its password only from TOMAUDIT_MASTODON_DB_PASSWORD or ~/.pgpass")
    String mastodonDbUser;

    @Option(names = {"-v", "--verbose"}, description = "The console shows all evidence and whole remediations;"
            + " log output on stderr (-vv for debug)")
    boolean[] verbose = new boolean[0];

    /** Where fleet progress goes (stderr, when it is a terminal); none otherwise. */
    private PrintStream progress;

    void progressTo(PrintStream err) {
        this.progress = err;
    }

    @Override
    public Integer call() throws IOException {
        Logging.verbosity(verbose.length);
        if (dryRun && formats.stream().anyMatch(f -> f.trim().equalsIgnoreCase("sh"))) {
            return writeScript();
        }
        String language = language();
        Severity threshold = severity(failOn);
        String tomGrouping = OutputFormats.tomGroup(tomGroup);
        List<FleetTarget> fleet = targets();
        String organisation = organisation(org, fleet);
        de.tomaudit.i18n.Texts words = de.tomaudit.i18n.Texts.of(language);
        SameTargets.warnings(fleet, words).forEach(w -> spec.commandLine().getErr().println(words.get("cli.warning", w)));
        Set<String> kindSet = kinds();
        List<Renderer> renderers = renderers();
        boolean details = verbose.length > 0;
        // reports written to files: plain, the default width; the report on stdout: colours on a terminal
        // for the console, the terminal's width
        RenderOptions textOptions = new RenderOptions(language, false, threshold.json(), tomGrouping, organisation,
                RenderOptions.DEFAULT_WIDTH, details);
        RenderOptions shownOptions = new RenderOptions(language,
                renderers.get(0).format().equals("console") && Terminal.colours(), threshold.json(), tomGrouping,
                organisation, Terminal.width(), details);
        Optional<ReportOutput> reportOutput = Optional.ofNullable(output).map(o -> new ReportOutput(o, renderers.size()));
        if (!dryRun) {
            reportOutput.ifPresent(o -> o.check(renderers));
        }
        if (parallel < 1 || parallel > 256) {
            throw new UsageException(AuditTexts.get("cli.usage.parallel"));
        }
        if (commandTimeout < 1 || maxFileSize < 1024 || targetTimeout < 1) {
            throw new UsageException(AuditTexts.get("cli.usage.limits"));
        }
        ProbeSettings probes = probeSettings();
        SshOptions ssh = sshOptions();
        List<Rule> rules = rules(fleet, kindSet, probes);
        List<Waiver> waiverList = waivers();
        Optional<PolicyClaims> claims = policy();
        Optional<HistoryLocation> historyAt = historyLocation();
        if (!dryRun && (historyAt.isPresent() || renderers.stream().anyMatch(r -> r.format().equals("json")))) {
            de.tomaudit.report.JsonRenderer.warmUpInBackground(); // the serializers are ready when the result is written
        }
        PrintStream out = Main.stdout(spec);
        warnUnusableProbes(fleet, probes, language);
        if (dryRun) {
            DryRun.printFleet(fleet, kindSet, t -> sshFor(t, ssh), probes, mastodonDbSettings(), out);
            return ExitCodes.OK;
        }
        if (round != null && !historyAt.map(HistoryLocation::postgres).orElse(false)) {
            throw new UsageException(AuditTexts.get("cli.usage.round-postgres"));
        }
        Limits limits = new Limits(maxFileSize, Duration.ofSeconds(commandTimeout), Limits.DEFAULT.maxOutputBytes());
        AuditOptions options = new AuditOptions(kindSet, rules, waiverList, language, parallel, limits, ssh, claims, probes,
                mastodonDbSettings());
        FleetRunner runner = new FleetRunner(new TargetAuditor(collectors(claims, probes)),
                t -> TargetOpener.open(t.spec(), limits, sshFor(t, ssh)), VersionProvider.version());
        FleetProgress shown = progress != null && fleet.size() > 1 ? TerminalProgress.ticking(progress) : FleetProgress.NONE;
        FleetRunner.Settings settings = new FleetRunner.Settings(parallel, backstop(targetTimeout));
        AuditResult result;
        List<String> regressions = List.of();
        Optional<String> historyFailure = Optional.empty();
        Optional<java.util.concurrent.Future<Rendered>> early = Optional.empty();
        Optional<RoundRunner.Outcome> shared = round == null ? Optional.empty()
                : auditRound(fleet, options, settings, runner, historyAt.orElseThrow());
        if (shared.isPresent()) {
            result = shared.get().result();
            regressions = shared.get().regressions();
            historyFailure = shared.get().historyFailure();
        } else {
            PreparedHistoryJson prepared = new PreparedHistoryJson(shown);
            result = runner.run(fleet, options, settings, historyAt.isPresent() && round == null ? prepared : shown);
            if (round != null) {
                historyFailure = Optional.of(roundFailure);
            } else if (historyAt.isPresent()) {
                // the reports are rendered on a second thread while the history stores the run (both take
                // a while after a fleet run); kept only when the run was stored, else rendered again, marked
                AuditResult finished = result;
                early = Optional.of(de.tomaudit.background.Background.start("tomaudit-report", () -> renderEarly(finished, renderers,
                        reportOutput, textOptions, shownOptions)));
                RunRecording.Outcome recorded = RunRecording.record(historyAt.get(), result, failOnRegression, prepared::of);
                regressions = recorded.regressions();
                historyFailure = recorded.failure();
            }
        }
        if (historyFailure.isPresent()) {
            spec.commandLine().getErr().println("tomaudit: " + AuditTexts.get("cli.history.unrecorded", historyFailure.get(),
                    String.valueOf(ExitCodes.UNRECORDED)));
            result = result.unrecorded(historyFailure.get());
        }
        for (String notice : de.tomaudit.waiver.WaiverNotices.of(waiverList, result, java.time.LocalDate.now(),
                de.tomaudit.i18n.Texts.of(language))) {
            spec.commandLine().getErr().println(words.get("cli.warning", notice));
        }
        if (failOnRegression) {
            regressions.forEach(r -> spec.commandLine().getErr().println("tomaudit: " + AuditTexts.get("cli.regression", r)));
        }
        Optional<Rendered> rendered = historyFailure.isPresent() ? Optional.empty() : early.map(AuditCommand::await);
        if (historyFailure.isPresent()) {
            early.ifPresent(f -> {
                try {
                    await(f).discard();
                } catch (RuntimeException e) {
                    // rendered again below, marked unrecorded; that render reports its own failure
                }
            });
        }
        if (rendered.isPresent()) {
            rendered.get().deliver(out);
        } else if (reportOutput.isPresent()) {
            reportOutput.get().write(result, renderers, textOptions);
        } else {
            renderers.get(0).render(result, shownOptions, out);
            out.flush();
        }
        return ExitCodes.of(result, threshold, failOnRegression && !regressions.isEmpty(), historyFailure.isPresent());
    }

    /** Reports rendered ahead: files staged beside their places, or the bytes for stdout. */
    private record Rendered(Optional<ReportOutput.Staged> files, byte[] shown) {
        void deliver(java.io.PrintStream out) {
            if (files.isPresent()) {
                files.get().commit();
            } else {
                out.write(shown, 0, shown.length);
                out.flush();
            }
        }

        void discard() {
            files.ifPresent(ReportOutput.Staged::discard);
        }
    }

    private static Rendered renderEarly(AuditResult result, List<Renderer> renderers, Optional<ReportOutput> output,
                                        RenderOptions text, RenderOptions shown) throws java.io.IOException {
        if (output.isPresent()) {
            return new Rendered(Optional.of(output.get().stage(result, renderers, text)), null);
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        renderers.get(0).render(result, shown, bytes);
        return new Rendered(Optional.empty(), bytes.toByteArray());
    }

    /** The reports rendered ahead; a failure there is the same failure as rendering now. */
    private static Rendered await(java.util.concurrent.Future<Rendered> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the report was rendered", e);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new java.io.UncheckedIOException(c instanceof java.io.IOException io ? io : new java.io.IOException(c));
        }
    }

    /** Why a round could not be shared (the history failed before it began): the targets are then audited here alone. */
    private String roundFailure;

    /**
     * This agent's part of the shared round; empty when the history fails before the round begins
     * (then this agent audits the whole inventory alone and the run is unrecorded).
     */
    private Optional<RoundRunner.Outcome> auditRound(List<FleetTarget> fleet, AuditOptions options,
                                                     FleetRunner.Settings settings, FleetRunner runner,
                                                     HistoryLocation at) {
        try {
            LeaseBoard board = new LeaseBoard(HistoryDatabase.open(at), round, AgentId.next(), Duration.ofSeconds(leaseTimeout));
            return Optional.of(new RoundRunner(runner, VersionProvider.version()).run(fleet, options, settings, board,
                    Duration.ofSeconds(leaseTimeout), failOnRegression));
        } catch (HistoryException e) {
            roundFailure = AuditTexts.get("cli.round.not-shared", e.getMessage(), round);
            return Optional.empty();
        }
    }

    /** Where the run is stored: --history, else the embedded default; empty with --no-history. */
    private Optional<HistoryLocation> historyLocation() {
        if (noHistory && history != null) {
            throw new UsageException(AuditTexts.get("cli.usage.history-contradiction"));
        }
        if (noHistory && (failOnRegression || round != null)) {
            throw new UsageException(AuditTexts.get("cli.usage.needs-history", failOnRegression ? "--fail-on-regression" : "--round"));
        }
        if (round != null && !round.matches("[A-Za-z][A-Za-z0-9._:-]{0,99}")) {
            throw new UsageException(AuditTexts.get("cli.usage.round-name"));
        }
        if (leaseTimeout < 2 || leaseTimeout > 86_400) {
            throw new UsageException(AuditTexts.get("cli.usage.lease-timeout"));
        }
        if (noHistory) {
            return Optional.empty();
        }
        try {
            return Optional.of(HistoryLocation.of(history, System.getenv()));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private ProbeSettings probeSettings() {
        if (probeConnectTimeout <= 0 || probeReadTimeout <= 0 || probeBudget <= 0) {
            throw new UsageException(AuditTexts.get("cli.usage.probe-times"));
        }
        if (probeConcurrency < 1 || probeConcurrency > 64 || probeParallel < 1 || probeParallel > 64) {
            throw new UsageException(AuditTexts.get("cli.usage.probe-parallel"));
        }
        List<ProbeSpec> extra = new ArrayList<>();
        for (String p : probeSpecs) {
            try {
                extra.add(ProbeSpec.parse(p));
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        if (noProbe && (!extra.isEmpty() || probeOnly)) {
            throw new UsageException(AuditTexts.get("cli.usage.no-probe"));
        }
        if (probeOnly && extra.isEmpty()) {
            throw new UsageException(AuditTexts.get("cli.usage.probe-only"));
        }
        return new ProbeSettings(!noProbe, seconds(probeConnectTimeout), seconds(probeReadTimeout), probeConcurrency,
                probeParallel, seconds(probeBudget), extra, probeOnly);
    }

    private static Duration seconds(double s) {
        return Duration.ofMillis(Math.max(1, Math.round(s * 1000)));
    }

    /** SSH settings from the options and the environment (HOME, SSH_AUTH_SOCK, TOMAUDIT_SSH_KEY_PASSPHRASE). */
    private SshOptions sshOptions() {
        if (connectTimeout < 1 || connectTimeout > 3600 || targetTimeout < 1 || targetTimeout > 86_400) {
            throw new UsageException(AuditTexts.get("cli.usage.timeouts"));
        }
        for (Path id : identities) {
            if (!Files.isRegularFile(id)) {
                throw new UsageException("--identity " + id + ": " + AuditTexts.get("cli.usage.no-such-file"));
            }
        }
        if (sshConfig != null && !Files.isRegularFile(sshConfig)) {
            throw new UsageException("--ssh-config " + sshConfig + ": " + AuditTexts.get("cli.usage.no-such-file"));
        }
        SshOptions o = SshOptions.fromEnvironment(System.getenv())
                .withIdentities(identities)
                .withTimeouts(Duration.ofSeconds(connectTimeout), Duration.ofSeconds(targetTimeout))
                .withSudo(sudo)
                .withAcceptNewHostKey(acceptNewHostKey);
        if (knownHosts != null) {
            o = o.withKnownHosts(knownHosts);
        }
        if (sshConfig != null) {
            o = o.withSshConfig(sshConfig);
        }
        return o;
    }

    /** The SSH settings of one fleet target: its own sudo and key (first) where the inventory gives them. */
    private static SshOptions sshFor(FleetTarget t, SshOptions ssh) {
        SshOptions o = ssh.withSudo(t.sudo().orElse(ssh.sudo()));
        if (t.identity().isPresent()) {
            List<Path> ids = new ArrayList<>();
            ids.add(Path.of(t.identity().get()));
            ids.addAll(ssh.identities());
            o = o.withIdentities(ids);
        }
        return o;
    }

    /**
     * The fleet's own deadline per target: the target timeout plus a tenth (at least 5 s), so an
     * SSH target's own deadline (which keeps what was collected) comes first; the fleet's is the
     * backstop for everything else.
     */
    static Duration backstop(int targetTimeoutSeconds) {
        return Duration.ofSeconds(targetTimeoutSeconds + Math.max(5, targetTimeoutSeconds / 10));
    }

    /**
     * --mastodon-db and --mastodon-db-user; a password in the URL is refused (passwords never go on the command
     * line), and so are parameters that would change the role or switch the read-only session off.
     */
    private MastodonDbSettings mastodonDbSettings() {
        if (mastodonDb != null) {
            MastodonDbSettings.urlProblem(mastodonDb).ifPresent(p -> {
                throw new UsageException(p);
            });
        }
        if (mastodonDbUser == null || !mastodonDbUser.matches("[A-Za-z_][A-Za-z0-9_$.-]{0,62}")) {
            throw new UsageException(AuditTexts.get("cli.usage.mastodon-db-role"));
        }
        return MastodonDbSettings.of(mastodonDb, mastodonDbUser);
    }

    /** {@code --dry-run --format sh}: the plan as the offline collection script (scripts/collect.sh). */
    private int writeScript() throws IOException {
        if (formats.size() != 1) {
            throw new UsageException(AuditTexts.get("cli.usage.format-sh"));
        }
        String script = DryRun.script(kinds());
        if (output == null) {
            PrintStream out = Main.stdout(spec);
            out.print(script);
            out.flush();
        } else {
            ReportOutput file = new ReportOutput(output, 1);
            file.check();
            file.writeText(script);
        }
        return ExitCodes.OK;
    }

    /**
     * A --probe that cannot run on a target (dir: and bundle: have no network address) is one warning
     * line naming the target and what to use instead, never only a silent not-applicable.
     */
    private void warnUnusableProbes(List<FleetTarget> fleet, ProbeSettings probes, String language) {
        if (probes.extra().isEmpty()) {
            return;
        }
        de.tomaudit.i18n.Texts texts = de.tomaudit.i18n.Texts.of(language);
        for (FleetTarget t : fleet) {
            TargetSpec.Type type = t.spec().type();
            if (type == TargetSpec.Type.DIR || type == TargetSpec.Type.BUNDLE) {
                spec.commandLine().getErr().println("tomaudit: " + texts.get("probe.unusable", t.spec().text()));
            }
        }
    }

    private String language() {
        return OutputFormats.language(lang);
    }

    /**
     * The organisation for the TOM annex: {@code --org}, else the inventory's variable
     * {@code organisation} (or {@code organization}, {@code org}, {@code owner}); several different
     * values are joined.
     */
    static String organisation(String given, List<FleetTarget> fleet) {
        if (given != null && !given.isBlank()) {
            return given.strip();
        }
        Set<String> names = new LinkedHashSet<>();
        for (FleetTarget t : fleet) {
            for (String key : List.of("organisation", "organization", "org", "owner")) {
                String v = t.variables().get(key);
                if (v != null && !v.isBlank()) {
                    names.add(v.strip());
                    break;
                }
            }
        }
        return String.join("; ", names);
    }

    static Severity severity(String s) {
        try {
            Severity sev = Severity.parse(s.toLowerCase(Locale.ROOT));
            if (sev == Severity.INFO) {
                throw new IllegalArgumentException("info findings never fail");
            }
            return sev;
        } catch (IllegalArgumentException e) {
            throw new UsageException(AuditTexts.get("cli.usage.fail-on", s));
        }
    }

    /** The targets named on the command line, then those of the inventory; {@code local} when there are none. */
    private List<FleetTarget> targets() {
        List<String> given = targets.isEmpty() && inventory == null ? List.of("local") : targets;
        List<FleetTarget> out = new ArrayList<>();
        for (String t : given) {
            try {
                out.add(FleetTarget.of(TargetSpec.parse(t)));
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        if (inventory != null) {
            try {
                out.addAll(InventoryLoader.load(inventory));
            } catch (InventoryException e) {
                throw new UsageException(e.getMessage());
            }
        }
        return out;
    }

    private Set<String> kinds() {
        Set<String> out = new LinkedHashSet<>();
        for (String k : kinds) {
            String kind = k.trim().toLowerCase(Locale.ROOT);
            if (!KindDetector.KINDS.contains(kind)) {
                throw new UsageException(AuditTexts.get("cli.usage.kind", k, String.join(", ", KindDetector.KINDS)));
            }
            out.add(kind);
        }
        return out;
    }

    private List<Renderer> renderers() {
        return OutputFormats.renderers(formats, output, "console");
    }


    /**
     * The rules this audit can evaluate, so that only those are parsed and compiled. A --probe-only run
     * evaluates the probe packs alone. When every target's kinds are given (--kind, or the inventory's
     * kinds for each target), only their packs, host, org, policy and the probe packs are parsed
     * (TargetAuditor evaluates no other); when any target's kinds are detected, all of them.
     */
    private List<Rule> rules(List<FleetTarget> fleet, Set<String> kindSet, ProbeSettings probes) {
        List<Rule> user;
        try {
            user = RuleLoader.loadUserFolders(ruleDirs); // a broken user rule is exit 2 before any work
        } catch (RuleFileException e) {
            throw new UsageException(e.getMessage());
        }
        if (dryRun) {
            return user;
        }
        java.util.function.Predicate<String> builtIn;
        if (probes.only()) {
            builtIn = ProbePhase.PACKS::contains;
        } else {
            Set<String> packs = new java.util.HashSet<>(Set.of("host", "org", "policy"));
            packs.addAll(ProbePhase.PACKS);
            boolean all = false;
            for (FleetTarget t : fleet) {
                Set<String> k = t.kinds().isEmpty() ? kindSet : t.kinds();
                if (k.isEmpty()) {
                    all = true;
                }
                packs.addAll(k);
            }
            boolean everyPack = all || fleet.isEmpty();
            builtIn = pack -> everyPack || packs.contains(pack);
        }
        // the built-in packs are read and compiled beside the collectors and probes, which need no rule
        return PendingRules.start(() -> RuleLoader.withBuiltIn(builtIn, user));
    }

    /** The claims of --policy, read once on the agent's side; a broken file is a usage error naming file and line. */
    private Optional<PolicyClaims> policy() {
        if (policy == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(PolicyFile.load(policy));
        } catch (PolicyFileException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** Every collector; with --no-probe the BigBlueButton collector makes no API call (no network request to the target). */
    private static List<Collector> collectors(Optional<PolicyClaims> claims, ProbeSettings probes) {
        List<Collector> out = new ArrayList<>();
        for (Collector c : CollectorRegistry.all()) {
            out.add(!probes.enabled() && c instanceof de.tomaudit.collect.bbb.BbbCollector b ? b.withoutApiCalls() : c);
        }
        claims.ifPresent(c -> out.add(new PolicyCollector(c)));
        return out;
    }

    private List<Waiver> waivers() {
        if (waivers == null) {
            return List.of();
        }
        try {
            return WaiverFile.load(waivers);
        } catch (YamlException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
