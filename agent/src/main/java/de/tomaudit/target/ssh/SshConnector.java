package de.tomaudit.target.ssh;

import de.tomaudit.i18n.AuditTexts;
import com.jcraft.jsch.AgentIdentityRepository;
import com.jcraft.jsch.IdentityRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.SSHAgentConnector;
import com.jcraft.jsch.Session;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the one SSH connection of a target: resolves the destination through the client config,
 * loads the keys (files, then ssh-agent), connects through the ProxyJump hops if any, checks each
 * host key strictly, and logs in with public keys only. Every failure becomes an
 * {@link SshConnectException} whose message says what happened and what to do.
 */
final class SshConnector {
    private static final Logger LOG = LoggerFactory.getLogger(SshConnector.class);
    private static final int ALIVE_INTERVAL_MS = 15_000;
    private static final int ALIVE_COUNT = 4;

    private SshConnector() { }

    static SshConnection connect(SshDestination dest, SshOptions options) throws SshConnectException {
        ClientConfig config = ClientConfig.load(options);
        ResolvedHost target = config.resolve(dest);
        List<ResolvedHost> chain = new ArrayList<>();
        for (String hop : target.proxyJump()) {
            chain.add(config.resolveHop(hop));
        }
        chain.add(target);

        SessionCrypto.init(); // before any key is read: its signatures use JSch's static configuration
        JSch jsch = new JSch();
        jsch.setInstanceLogger(new JschLog());
        KeyFiles keys = new KeyFiles();
        keys.load(jsch, KeyFiles.candidates(options, chain), options.passphrase());
        List<String> problems = new ArrayList<>(keys.problems());
        Optional<IdentityRepository> agent = Optional.empty();
        if (options.agentSocket().isPresent() && !target.identitiesOnly()) {
            agent = agent(options.agentSocket().get(), problems);
        }
        CombinedIdentities identities = new CombinedIdentities(agent, jsch.getIdentityRepository());

        List<Session> opened = new ArrayList<>();
        try {
            for (int i = 0; i < chain.size(); i++) {
                ResolvedHost hop = chain.get(i);
                Session previous = opened.isEmpty() ? null : opened.get(opened.size() - 1);
                String via = i < chain.size() - 1 ? "jump host " : "";
                opened.add(open(jsch, hop, previous, identities, options, keys, problems, via));
            }
        } catch (SshConnectException e) {
            for (int i = opened.size() - 1; i >= 0; i--) {
                opened.get(i).disconnect();
            }
            throw e;
        }
        Session last = opened.remove(opened.size() - 1);
        LOG.debug("connected to {}{}", target.display(), opened.isEmpty() ? "" : " via " + target.proxyJump());
        return new SshConnection(target, last, opened);
    }

    private static Optional<IdentityRepository> agent(Path socket, List<String> problems) {
        try {
            SSHAgentConnector c = new SSHAgentConnector(new JavaUnixSockets(), socket);
            if (!c.isAvailable()) {
                problems.add(AuditTexts.get("ssh.agent.silent", String.valueOf(socket)));
                return Optional.empty();
            }
            return Optional.of(new AgentIdentityRepository(c));
        } catch (RuntimeException e) {
            problems.add(AuditTexts.get("ssh.agent.unusable", String.valueOf(socket), e.getClass().getSimpleName()));
            return Optional.empty();
        }
    }

    private static Session open(JSch jsch, ResolvedHost hop, Session previous, CombinedIdentities identities,
                                SshOptions options, KeyFiles keys, List<String> problems, String role)
            throws SshConnectException {
        HostKeyVerifier verifier = HostKeyVerifier.load(options.knownHostsFile(), options.acceptNewHostKey());
        Session s;
        try {
            s = jsch.getSession(hop.user(), hop.hostName(), hop.port());
        } catch (JSchException e) {
            throw new SshConnectException("ssh", "cannot set up an SSH session to " + hop.display() + ": " + e.getMessage());
        }
        s.setHostKeyRepository(verifier);
        s.setIdentityRepository(identities);
        s.setConfig("StrictHostKeyChecking", "yes");
        s.setConfig("HashKnownHosts", "no");
        s.setConfig("PreferredAuthentications", "publickey");
        SessionCrypto.apply(s);
        s.setDaemonThread(true);
        if (previous != null) {
            s.setProxy(new JumpProxy(previous));
        }
        int ms = (int) Math.min(Integer.MAX_VALUE, options.connectTimeout().toMillis());
        Watchdog.Alarm alarm = Watchdog.after(options.connectTimeout(), s::disconnect);
        try (alarm) {
            s.connect(ms);
            s.setServerAliveInterval(ALIVE_INTERVAL_MS);
            s.setServerAliveCountMax(ALIVE_COUNT);
            return s;
        } catch (JSchException | RuntimeException e) {
            s.disconnect();
            throw translate(e, hop, verifier, options, keys, identities, problems, role, alarm.fired());
        }
    }

    private static SshConnectException translate(Exception e, ResolvedHost hop, HostKeyVerifier verifier, SshOptions options,
                                                 KeyFiles keys, CombinedIdentities identities, List<String> problems,
                                                 String role, boolean timedOut) {
        String where = role + hop.display();
        Optional<HostKeyVerifier.Verdict> v = verifier.verdict();
        if (v.isPresent() && v.get().outcome() != HostKeyVerifier.Outcome.KNOWN && v.get().outcome() != HostKeyVerifier.Outcome.ADDED) {
            String msg = HostKeyRefusal.message(v.get(), verifier.file());
            if (v.get().outcome() == HostKeyVerifier.Outcome.CHANGED) {
                LOG.info("{}: {}", where, msg); // the target's error in the report says it
            }
            return new SshConnectException("ssh", (role.isEmpty() ? "" : role + hop.display() + ": ") + msg);
        }
        String msg = e.getMessage() == null ? "" : e.getMessage();
        Throwable cause = e.getCause();
        long secs = Math.max(1, options.connectTimeout().toSeconds());
        String text;
        if (timedOut || cause instanceof SocketTimeoutException || msg.startsWith("timeout")) {
            text = AuditTexts.get("ssh.connect.timeout", where, String.valueOf(secs));
        } else if (cause instanceof ConnectException) {
            text = AuditTexts.get("ssh.connect.refused", where);
        } else if (cause instanceof UnknownHostException) {
            text = hop.alias().equals(hop.hostName()) ? AuditTexts.get("ssh.connect.unresolved", hop.hostName())
                    : AuditTexts.get("ssh.connect.unresolved-alias", hop.hostName(), hop.alias());
        } else if (cause instanceof NoRouteToHostException) {
            text = AuditTexts.get("ssh.connect.no-route", where);
        } else if (msg.startsWith("Auth fail") || msg.startsWith("Auth cancel")) {
            text = authFailure(where, keys, identities, problems, options);
        } else if (msg.contains("Algorithm negotiation fail")) {
            text = AuditTexts.get("ssh.connect.no-algorithm", where, msg);
        } else if (msg.contains("connection is closed by foreign host")) {
            text = AuditTexts.get("ssh.connect.closed", where);
        } else {
            text = AuditTexts.get("ssh.connect.failed", where, msg.isEmpty() ? e.getClass().getSimpleName() : msg);
        }
        return new SshConnectException("ssh", text);
    }

    private static String authFailure(String where, KeyFiles keys, CombinedIdentities identities, List<String> problems,
                                      SshOptions options) {
        List<String> offered = new ArrayList<>(keys.loaded());
        if (identities.agentKeys() > 0) {
            offered.add(AuditTexts.get("ssh.login.agent-keys", identities.agentKeys()));
        }
        StringBuilder b = new StringBuilder(AuditTexts.get("ssh.login.failed", where));
        if (offered.isEmpty()) {
            b.append(AuditTexts.get(options.agentSocket().isPresent() ? "ssh.login.no-key-agent" : "ssh.login.no-key-no-agent",
                    String.join(", ", KeyFiles.DEFAULT_NAMES), String.valueOf(options.home())));
        } else {
            b.append(AuditTexts.get("ssh.login.none-accepted", String.join("; ", offered)));
        }
        if (!problems.isEmpty()) {
            b.append(AuditTexts.get("ssh.login.not-offered", String.join("; ", problems)));
        }
        b.append(AuditTexts.get("ssh.login.hint", ""));
        return b.toString();
    }
}
