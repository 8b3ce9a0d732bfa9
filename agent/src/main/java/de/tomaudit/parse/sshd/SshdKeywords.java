package de.tomaudit.parse.sshd;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The sshd_config keywords OpenSSH 9.2 (Debian 12, with Debian's GSSAPI key exchange patch)
 * knows, as in the keyword table of servconf.c: canonical names, aliases, which keywords may
 * appear inside a Match block and which accumulate over several lines instead of first value wins.
 */
public final class SshdKeywords {

    /** Keywords that sshd accepts only in the global section. */
    private static final Set<String> GLOBAL_ONLY = Set.of(
            "usepam", "port", "hostkey", "hostkeyagent", "pidfile", "modulifile", "logingracetime",
            "syslogfacility", "hostkeyalgorithms", "kerberosorlocalpasswd", "kerberosticketcleanup",
            "kerberosgetafstoken", "gssapicleanupcredentials", "gssapistrictacceptorcheck",
            "gssapikeyexchange", "gssapistorecredentialsonrekey", "gssapikexalgorithms",
            "listenaddress", "addressfamily", "printmotd", "printlastlog", "ignoreuserknownhosts",
            "xauthlocation", "strictmodes", "permituserenvironment", "compression", "tcpkeepalive",
            "ciphers", "macs", "subsystem", "maxstartups", "persourcemaxstartups", "persourcenetblocksize",
            "usedns", "hostcertificate", "kexalgorithms", "versionaddendum", "fingerprinthash",
            "securitykeyprovider", "debianbanner");

    /** Keywords sshd also accepts inside a Match block (SSHCFG_ALL). */
    private static final Set<String> MATCH_ALLOWED = Set.of(
            "permitrootlogin", "loglevel", "logverbose", "hostbasedauthentication",
            "hostbasedusesnamefrompacketonly", "hostbasedacceptedalgorithms", "pubkeyauthentication",
            "pubkeyacceptedalgorithms", "pubkeyauthoptions", "kerberosauthentication", "gssapiauthentication",
            "passwordauthentication", "kbdinteractiveauthentication", "ignorerhosts", "x11forwarding",
            "x11displayoffset", "x11uselocalhost", "permitemptypasswords", "rekeylimit", "allowtcpforwarding",
            "allowagentforwarding", "allowusers", "denyusers", "allowgroups", "denygroups", "gatewayports",
            "maxauthtries", "maxsessions", "banner", "clientaliveinterval", "clientalivecountmax",
            "authorizedkeysfile", "acceptenv", "setenv", "permittunnel", "permittty", "permituserrc",
            "match", "permitopen", "permitlisten", "forcecommand", "chrootdirectory", "revokedkeys",
            "trustedusercakeys", "authorizedprincipalsfile", "include", "ipqos", "authorizedkeyscommand",
            "authorizedkeyscommanduser", "authorizedprincipalscommand", "authorizedprincipalscommanduser",
            "authenticationmethods", "streamlocalbindmask", "streamlocalbindunlink",
            "allowstreamlocalforwarding", "disableforwarding", "exposeauthinfo", "rdomain",
            "casignaturealgorithms", "requiredrsasize", "channeltimeout", "unusedconnectiontimeout");

    /** Old names sshd still reads, mapped to the keyword they set. */
    private static final Map<String, String> ALIASES = Map.of(
            "challengeresponseauthentication", "kbdinteractiveauthentication",
            "skeyauthentication", "kbdinteractiveauthentication",
            "hostdsakey", "hostkey",
            "dsaauthentication", "pubkeyauthentication",
            "keepalive", "tcpkeepalive",
            "pubkeyacceptedkeytypes", "pubkeyacceptedalgorithms",
            "hostbasedacceptedkeytypes", "hostbasedacceptedalgorithms");

    /** Keywords sshd logs as deprecated or unsupported and otherwise ignores. */
    private static final Set<String> IGNORED = Set.of(
            "pamauthenticationviakbdint", "serverkeybits", "keyregenerationinterval", "rhostsauthentication",
            "rhostsrsaauthentication", "rsaauthentication", "checkmail", "uselogin", "protocol",
            "verifyreversemapping", "reversemappingcheck", "authorizedkeysfile2", "useprivilegeseparation",
            "kerberostgtpassing", "afstokenpassing");

    /** Keywords whose lines add up (every Port, every HostKey, …) instead of the first one winning. */
    private static final Set<String> ACCUMULATING = Set.of(
            "port", "listenaddress", "hostkey", "hostcertificate", "acceptenv", "subsystem",
            "allowusers", "denyusers", "allowgroups", "denygroups");

    /** Keywords whose every argument is one value (AcceptEnv LANG LC_* is two values). */
    private static final Set<String> PER_ARGUMENT = Set.of(
            "acceptenv", "allowusers", "denyusers", "allowgroups", "denygroups");

    /** Keywords holding a comma-separated algorithm list (with the +, - and ^ prefixes). */
    private static final Set<String> ALGORITHM_LISTS = Set.of(
            "kexalgorithms", "ciphers", "macs", "hostkeyalgorithms", "pubkeyacceptedalgorithms",
            "hostbasedacceptedalgorithms", "casignaturealgorithms");

    /** Keywords with a fixed set of values, compared case-insensitively by sshd. */
    private static final Set<String> MULTISTATE = Set.of(
            "usepam", "permitrootlogin", "passwordauthentication", "kbdinteractiveauthentication",
            "pubkeyauthentication", "hostbasedauthentication", "hostbasedusesnamefrompacketonly",
            "kerberosauthentication", "kerberosorlocalpasswd", "kerberosticketcleanup", "kerberosgetafstoken",
            "gssapiauthentication", "gssapicleanupcredentials", "gssapistrictacceptorcheck",
            "gssapikeyexchange", "gssapistorecredentialsonrekey", "ignorerhosts", "ignoreuserknownhosts",
            "x11forwarding", "x11uselocalhost", "permittty", "permituserrc", "strictmodes",
            "permitemptypasswords", "tcpkeepalive", "compression", "gatewayports", "usedns",
            "allowtcpforwarding", "allowagentforwarding", "allowstreamlocalforwarding", "disableforwarding",
            "streamlocalbindunlink", "exposeauthinfo", "printmotd", "printlastlog", "addressfamily",
            "permituserenvironment", "debianbanner");

    private SshdKeywords() { }

    /** The canonical lower-case keyword, or empty when sshd 9.2 does not know the word. */
    public static Optional<String> canonical(String word) {
        String k = word.toLowerCase(Locale.ROOT);
        k = ALIASES.getOrDefault(k, k);
        if (k.equals("match") || k.equals("include") || GLOBAL_ONLY.contains(k) || MATCH_ALLOWED.contains(k)
                || IGNORED.contains(k)) {
            return Optional.of(k);
        }
        return Optional.empty();
    }

    public static boolean isAlias(String word) {
        return ALIASES.containsKey(word.toLowerCase(Locale.ROOT));
    }

    public static boolean isIgnored(String keyword) {
        return IGNORED.contains(keyword);
    }

    public static boolean allowedInMatch(String keyword) {
        return MATCH_ALLOWED.contains(keyword) || IGNORED.contains(keyword);
    }

    public static boolean accumulates(String keyword) {
        return ACCUMULATING.contains(keyword);
    }

    public static boolean perArgument(String keyword) {
        return PER_ARGUMENT.contains(keyword);
    }

    public static boolean isAlgorithmList(String keyword) {
        return ALGORITHM_LISTS.contains(keyword);
    }

    public static boolean isMultistate(String keyword) {
        return MULTISTATE.contains(keyword);
    }

    /** {@code without-password} is the old spelling of {@code prohibit-password}; sshd -T prints the old one. */
    public static String normaliseValue(String keyword, String value) {
        if (!isMultistate(keyword)) {
            return value;
        }
        String v = value.toLowerCase(Locale.ROOT);
        if (keyword.equals("permitrootlogin") && v.equals("without-password")) {
            return "prohibit-password";
        }
        return v;
    }
}
