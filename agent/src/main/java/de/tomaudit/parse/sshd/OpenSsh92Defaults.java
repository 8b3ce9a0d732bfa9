package de.tomaudit.parse.sshd;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What sshd of OpenSSH 9.2p1 as packaged in Debian 12 (openssh-server 1:9.2p1-2+deb12u10) uses
 * where sshd_config sets nothing. Taken from sshd_config(5), servconf.c and myproposal.h of
 * 9.2, and checked against {@code sshd -T} of that package on an otherwise empty configuration.
 * Debian's security updates prepend {@code sntrup761x25519-sha512} (the IANA name) to the
 * upstream kex list. The supported-algorithm lists are {@code ssh -Q kex|cipher|mac|HostKeyAlgorithms}.
 */
public final class OpenSsh92Defaults {

    public static final String VERSION = "OpenSSH 9.2p1 (Debian 12)";

    public static final List<String> KEX = List.of(
            "sntrup761x25519-sha512", "sntrup761x25519-sha512@openssh.com", "curve25519-sha256",
            "curve25519-sha256@libssh.org", "ecdh-sha2-nistp256", "ecdh-sha2-nistp384", "ecdh-sha2-nistp521",
            "diffie-hellman-group-exchange-sha256", "diffie-hellman-group16-sha512", "diffie-hellman-group18-sha512",
            "diffie-hellman-group14-sha256");

    public static final List<String> CIPHERS = List.of(
            "chacha20-poly1305@openssh.com", "aes128-ctr", "aes192-ctr", "aes256-ctr", "aes128-gcm@openssh.com",
            "aes256-gcm@openssh.com");

    public static final List<String> MACS = List.of(
            "umac-64-etm@openssh.com", "umac-128-etm@openssh.com", "hmac-sha2-256-etm@openssh.com",
            "hmac-sha2-512-etm@openssh.com", "hmac-sha1-etm@openssh.com", "umac-64@openssh.com",
            "umac-128@openssh.com", "hmac-sha2-256", "hmac-sha2-512", "hmac-sha1");

    /** KEX_DEFAULT_PK_ALG: HostKeyAlgorithms, PubkeyAcceptedAlgorithms, HostbasedAcceptedAlgorithms. */
    public static final List<String> KEY_ALGORITHMS = List.of(
            "ssh-ed25519-cert-v01@openssh.com", "ecdsa-sha2-nistp256-cert-v01@openssh.com",
            "ecdsa-sha2-nistp384-cert-v01@openssh.com", "ecdsa-sha2-nistp521-cert-v01@openssh.com",
            "sk-ssh-ed25519-cert-v01@openssh.com", "sk-ecdsa-sha2-nistp256-cert-v01@openssh.com",
            "rsa-sha2-512-cert-v01@openssh.com", "rsa-sha2-256-cert-v01@openssh.com", "ssh-ed25519",
            "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "sk-ssh-ed25519@openssh.com",
            "sk-ecdsa-sha2-nistp256@openssh.com", "rsa-sha2-512", "rsa-sha2-256");

    /** SSH_ALLOWED_CA_SIGALGS. */
    public static final List<String> CA_SIGNATURE_ALGORITHMS = List.of(
            "ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
            "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com", "rsa-sha2-512", "rsa-sha2-256");

    public static final List<String> SUPPORTED_KEX = List.of(
            "diffie-hellman-group1-sha1", "diffie-hellman-group14-sha1", "diffie-hellman-group14-sha256",
            "diffie-hellman-group16-sha512", "diffie-hellman-group18-sha512", "diffie-hellman-group-exchange-sha1",
            "diffie-hellman-group-exchange-sha256", "ecdh-sha2-nistp256", "ecdh-sha2-nistp384", "ecdh-sha2-nistp521",
            "curve25519-sha256", "curve25519-sha256@libssh.org", "sntrup761x25519-sha512",
            "sntrup761x25519-sha512@openssh.com");

    public static final List<String> SUPPORTED_CIPHERS = List.of(
            "3des-cbc", "aes128-cbc", "aes192-cbc", "aes256-cbc", "aes128-ctr", "aes192-ctr", "aes256-ctr",
            "aes128-gcm@openssh.com", "aes256-gcm@openssh.com", "chacha20-poly1305@openssh.com");

    public static final List<String> SUPPORTED_MACS = List.of(
            "hmac-sha1", "hmac-sha1-96", "hmac-sha2-256", "hmac-sha2-512", "hmac-md5", "hmac-md5-96",
            "umac-64@openssh.com", "umac-128@openssh.com", "hmac-sha1-etm@openssh.com", "hmac-sha1-96-etm@openssh.com",
            "hmac-sha2-256-etm@openssh.com", "hmac-sha2-512-etm@openssh.com", "hmac-md5-etm@openssh.com",
            "hmac-md5-96-etm@openssh.com", "umac-64-etm@openssh.com", "umac-128-etm@openssh.com");

    public static final List<String> SUPPORTED_KEY_ALGORITHMS = List.of(
            "ssh-ed25519", "ssh-ed25519-cert-v01@openssh.com", "sk-ssh-ed25519@openssh.com",
            "sk-ssh-ed25519-cert-v01@openssh.com", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp256-cert-v01@openssh.com",
            "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp384-cert-v01@openssh.com", "ecdsa-sha2-nistp521",
            "ecdsa-sha2-nistp521-cert-v01@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com",
            "sk-ecdsa-sha2-nistp256-cert-v01@openssh.com", "webauthn-sk-ecdsa-sha2-nistp256@openssh.com", "ssh-dss",
            "ssh-dss-cert-v01@openssh.com", "ssh-rsa", "ssh-rsa-cert-v01@openssh.com", "rsa-sha2-256",
            "rsa-sha2-256-cert-v01@openssh.com", "rsa-sha2-512", "rsa-sha2-512-cert-v01@openssh.com");

    /** Host keys sshd loads when no HostKey line is given. */
    public static final List<String> HOST_KEYS = List.of(
            "/etc/ssh/ssh_host_rsa_key", "/etc/ssh/ssh_host_ecdsa_key", "/etc/ssh/ssh_host_ed25519_key");

    public static final String PORT = "22";

    /** Single-valued defaults as {@code sshd -T} prints them (permitrootlogin normalised). */
    private static final Map<String, String> SCALARS = Map.ofEntries(
            Map.entry("addressfamily", "any"),
            Map.entry("usepam", "no"),
            Map.entry("logingracetime", "120"),
            Map.entry("x11displayoffset", "10"),
            Map.entry("maxauthtries", "6"),
            Map.entry("maxsessions", "10"),
            Map.entry("clientaliveinterval", "0"),
            Map.entry("clientalivecountmax", "3"),
            Map.entry("requiredrsasize", "1024"),
            Map.entry("streamlocalbindmask", "0177"),
            Map.entry("unusedconnectiontimeout", "none"),
            Map.entry("permitrootlogin", "prohibit-password"),
            Map.entry("ignorerhosts", "yes"),
            Map.entry("ignoreuserknownhosts", "no"),
            Map.entry("hostbasedauthentication", "no"),
            Map.entry("hostbasedusesnamefrompacketonly", "no"),
            Map.entry("pubkeyauthentication", "yes"),
            Map.entry("kerberosauthentication", "no"),
            Map.entry("kerberosorlocalpasswd", "yes"),
            Map.entry("kerberosticketcleanup", "yes"),
            Map.entry("gssapiauthentication", "no"),
            Map.entry("gssapicleanupcredentials", "yes"),
            Map.entry("gssapikeyexchange", "no"),
            Map.entry("gssapistrictacceptorcheck", "yes"),
            Map.entry("gssapistorecredentialsonrekey", "no"),
            Map.entry("passwordauthentication", "yes"),
            Map.entry("kbdinteractiveauthentication", "yes"),
            Map.entry("printmotd", "yes"),
            Map.entry("printlastlog", "yes"),
            Map.entry("x11forwarding", "no"),
            Map.entry("x11uselocalhost", "yes"),
            Map.entry("permittty", "yes"),
            Map.entry("permituserrc", "yes"),
            Map.entry("strictmodes", "yes"),
            Map.entry("tcpkeepalive", "yes"),
            Map.entry("permitemptypasswords", "no"),
            Map.entry("compression", "yes"),
            Map.entry("gatewayports", "no"),
            Map.entry("usedns", "no"),
            Map.entry("allowtcpforwarding", "yes"),
            Map.entry("allowagentforwarding", "yes"),
            Map.entry("disableforwarding", "no"),
            Map.entry("allowstreamlocalforwarding", "yes"),
            Map.entry("streamlocalbindunlink", "no"),
            Map.entry("fingerprinthash", "SHA256"),
            Map.entry("exposeauthinfo", "no"),
            Map.entry("modulifile", "/etc/ssh/moduli"),
            Map.entry("xauthlocation", "/usr/bin/xauth"),
            Map.entry("banner", "none"),
            Map.entry("forcecommand", "none"),
            Map.entry("chrootdirectory", "none"),
            Map.entry("trustedusercakeys", "none"),
            Map.entry("revokedkeys", "none"),
            Map.entry("securitykeyprovider", "internal"),
            Map.entry("authorizedprincipalsfile", "none"),
            Map.entry("versionaddendum", "none"),
            Map.entry("authorizedkeyscommand", "none"),
            Map.entry("authorizedkeyscommanduser", "none"),
            Map.entry("authorizedprincipalscommand", "none"),
            Map.entry("authorizedprincipalscommanduser", "none"),
            Map.entry("hostkeyagent", "none"),
            Map.entry("loglevel", "INFO"),
            Map.entry("syslogfacility", "AUTH"),
            Map.entry("authorizedkeysfile", ".ssh/authorized_keys .ssh/authorized_keys2"),
            Map.entry("authenticationmethods", "any"),
            Map.entry("maxstartups", "10:30:100"),
            Map.entry("persourcemaxstartups", "none"),
            Map.entry("persourcenetblocksize", "32:128"),
            Map.entry("permittunnel", "no"),
            Map.entry("ipqos", "lowdelay throughput"),
            Map.entry("rekeylimit", "0 0"),
            Map.entry("permitopen", "any"),
            Map.entry("permitlisten", "any"),
            Map.entry("permituserenvironment", "no"),
            Map.entry("pubkeyauthoptions", "none"));

    private OpenSsh92Defaults() { }

    /** The default of a single-valued keyword, if it has one. */
    public static Optional<String> scalar(String keyword) {
        return Optional.ofNullable(SCALARS.get(keyword));
    }

    public static Map<String, String> scalars() {
        return SCALARS;
    }

    /** Default and supported list of an algorithm keyword. */
    public static Optional<AlgorithmLists.Defaults> algorithms(String keyword) {
        return Optional.ofNullable(switch (keyword) {
            case "kexalgorithms" -> new AlgorithmLists.Defaults(KEX, SUPPORTED_KEX);
            case "ciphers" -> new AlgorithmLists.Defaults(CIPHERS, SUPPORTED_CIPHERS);
            case "macs" -> new AlgorithmLists.Defaults(MACS, SUPPORTED_MACS);
            case "hostkeyalgorithms", "pubkeyacceptedalgorithms", "hostbasedacceptedalgorithms" ->
                    new AlgorithmLists.Defaults(KEY_ALGORITHMS, SUPPORTED_KEY_ALGORITHMS);
            case "casignaturealgorithms" -> new AlgorithmLists.Defaults(CA_SIGNATURE_ALGORITHMS, SUPPORTED_KEY_ALGORITHMS);
            default -> null;
        });
    }
}
