package de.tomaudit.target.ssh;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.agentfile.AgentFileException;
import de.tomaudit.agentfile.AgentFiles;
import com.jcraft.jsch.ConfigRepository;
import com.jcraft.jsch.OpenSSHConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenSSH client config ({@code ~/.ssh/config} or {@code --ssh-config}) as JSch's parser reads
 * it: {@code Host} blocks, first value wins. Used for HostName, User, Port, IdentityFile,
 * IdentitiesOnly and ProxyJump; {@code Match} and {@code Include} are not supported by that parser.
 */
final class ClientConfig {
    private static final Pattern HOP = Pattern.compile("(?:ssh://)?(?:([^@\\s]+)@)?(\\[[0-9a-fA-F:.]+]|[^:@\\s\\[\\]]+)(?::(\\d{1,5}))?");
    private final Optional<OpenSSHConfig> config;
    private final Path home;
    private final String localUser;

    private ClientConfig(Optional<OpenSSHConfig> config, Path home, String localUser) {
        this.config = config;
        this.home = home;
        this.localUser = localUser;
    }

    static ClientConfig load(SshOptions options) throws SshConnectException {
        String local = System.getProperty("user.name", "root");
        Optional<Path> file = options.sshConfigFile();
        if (file.isEmpty()) {
            return new ClientConfig(Optional.empty(), options.home(), local);
        }
        try {
            String text = AgentFiles.read(file.get(), AuditTexts.get("input.what.ssh-config"), 1024 * 1024);
            return new ClientConfig(Optional.of(OpenSSHConfig.parse(text)), options.home(), local);
        } catch (AgentFileException e) {
            throw new SshConnectException("ssh", AuditTexts.get("ssh.config.unreadable", e.getMessage()));
        } catch (IOException | RuntimeException e) {
            throw new SshConnectException("ssh", AuditTexts.get("ssh.config.unreadable", AuditTexts.get("input.what.ssh-config") + " "
                    + file.get() + ": " + de.tomaudit.facts.Crash.describe(e)));
        }
    }

    static ClientConfig none(Path home) {
        return new ClientConfig(Optional.empty(), home, System.getProperty("user.name", "root"));
    }

    ResolvedHost resolve(SshDestination dest) throws SshConnectException {
        return resolve(dest.host(), dest.user(), dest.port());
    }

    /** A {@code ProxyJump} hop, {@code [user@]host[:port]}, itself resolved through the config. */
    ResolvedHost resolveHop(String hop) throws SshConnectException {
        Matcher m = HOP.matcher(hop.trim());
        if (!m.matches()) {
            throw new SshConnectException("ssh", AuditTexts.get("ssh.config.proxy-jump", hop));
        }
        String host = m.group(2).replace("[", "").replace("]", "");
        OptionalInt port = m.group(3) == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(m.group(3)));
        return resolve(host, Optional.ofNullable(m.group(1)), port);
    }

    private ResolvedHost resolve(String alias, Optional<String> user, OptionalInt port) throws SshConnectException {
        ConfigRepository.Config c = config.map(x -> x.getConfig(alias)).orElse(null);
        String hostName = alias;
        String cfgUser = null;
        int cfgPort = -1;
        List<String> files = List.of();
        boolean only = false;
        List<String> jumps = List.of();
        if (c != null) {
            if (c.getHostname() != null) {
                hostName = expand(c.getHostname(), alias, alias, "");
            }
            cfgUser = c.getUser();
            cfgPort = c.getPort();
            files = List.of(c.getValues("IdentityFile"));
            only = "yes".equalsIgnoreCase(c.getValue("IdentitiesOnly"));
            String pj = c.getValue("ProxyJump");
            if (pj != null && !pj.isBlank() && !pj.equalsIgnoreCase("none")) {
                jumps = List.of(pj.split(","));
            }
        }
        String u = user.orElse(cfgUser != null ? cfgUser : localUser);
        int p = port.isPresent() ? port.getAsInt() : cfgPort > 0 ? cfgPort : 22;
        if (p < 1 || p > 65535) {
            throw new SshConnectException("ssh", AuditTexts.get("ssh.config.port", String.valueOf(p), alias));
        }
        List<Path> ids = new ArrayList<>();
        for (String f : files) {
            if (!f.equalsIgnoreCase("none")) {
                ids.add(Path.of(expand(f, hostName, alias, u)));
            }
        }
        return new ResolvedHost(alias, hostName, p, u, ids, only, jumps.stream().map(String::trim).filter(s -> !s.isEmpty()).toList());
    }

    /** {@code ~} and the tokens OpenSSH allows in these keywords: %d %u %h %n %r %%. */
    private String expand(String value, String hostName, String alias, String remoteUser) {
        String v = value.trim();
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            v = v.substring(1, v.length() - 1);
        }
        if (v.equals("~") || v.startsWith("~/")) {
            v = home + v.substring(1);
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < v.length(); i++) {
            char ch = v.charAt(i);
            if (ch != '%' || i + 1 >= v.length()) {
                out.append(ch);
                continue;
            }
            char t = v.charAt(++i);
            switch (t) {
                case 'd' -> out.append(home);
                case 'u' -> out.append(localUser);
                case 'h' -> out.append(hostName);
                case 'n' -> out.append(alias);
                case 'r' -> out.append(remoteUser);
                case '%' -> out.append('%');
                default -> out.append('%').append(t);
            }
        }
        return out.toString();
    }
}
