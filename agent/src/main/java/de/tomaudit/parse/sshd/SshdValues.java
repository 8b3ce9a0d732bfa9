package de.tomaudit.parse.sshd;

import de.tomaudit.i18n.AuditTexts;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The values sshd itself refuses at start ({@code sshd -t}): numbers that are not numbers or do
 * not fit (servconf.c reads them with a_to integer and range checks), time specs that are no time
 * spec, MaxStartups that is not {@code n} or {@code n:n:n}. The problem names the kind, never the
 * value (it may be anything a file holds).
 */
final class SshdValues {
    private static final Pattern TIME = Pattern.compile("(?i)[0-9]{1,9}([smhdw][0-9]{1,9})*[smhdw]?");
    /** {@code host:port} or {@code [v6]:port}: the port (a bare IPv6 address has more than one colon). */
    private static final Pattern LISTEN_PORT = Pattern.compile("(?:\\[[^\\]]*\\]|[^:\\[\\]]*):([0-9]+)");
    private static final Pattern STARTUPS = Pattern.compile("[0-9]{1,9}(:[0-9]{1,9}:[0-9]{1,9})?");
    /** Keyword to the largest value sshd accepts (an int; ports 65535). */
    private static final Map<String, Long> INTEGERS = Map.of(
            "port", 65_535L, "maxauthtries", (long) Integer.MAX_VALUE, "maxsessions", (long) Integer.MAX_VALUE,
            "clientalivecountmax", (long) Integer.MAX_VALUE);
    private static final List<String> TIMES = List.of("logingracetime", "clientaliveinterval");
    private static final java.util.Set<String> FLAG = java.util.Set.of("yes", "no");
    /** servconf.c's multistate tables where they are more than yes/no; every other multistate keyword is a flag. */
    private static final Map<String, java.util.Set<String>> STATES = Map.of(
            "permitrootlogin", java.util.Set.of("yes", "no", "prohibit-password", "without-password", "forced-commands-only"),
            "gatewayports", java.util.Set.of("yes", "no", "clientspecified"),
            "compression", java.util.Set.of("yes", "no", "delayed"),
            "addressfamily", java.util.Set.of("inet", "inet6", "any"),
            "allowtcpforwarding", java.util.Set.of("yes", "no", "all", "local", "remote"),
            "allowstreamlocalforwarding", java.util.Set.of("yes", "no", "all", "local", "remote"),
            "ignorerhosts", java.util.Set.of("yes", "no", "shosts-only"));
    /** Algorithm lists whose names sshd checks exactly (ciphers_valid, mac_valid, kex_names_valid: no wildcards). */
    private static final java.util.Set<String> EXACT_NAMES = java.util.Set.of("ciphers", "macs", "kexalgorithms");

    private SshdValues() { }

    static Optional<String> problem(String keyword, List<String> args) {
        String v = args.get(0);
        Long max = INTEGERS.get(keyword);
        if (max != null) {
            if (!v.matches("[0-9]{1,10}")) {
                return Optional.of(AuditTexts.get("parse.sshd.value.whole-number"));
            }
            long n = Long.parseLong(v);
            if (n > max || keyword.equals("port") && n == 0) {
                return Optional.of(AuditTexts.get("parse.value-range"));
            }
        }
        if (TIMES.contains(keyword)) {
            if (!TIME.matcher(v).matches()) {
                return Optional.of(AuditTexts.get("parse.sshd.value.time"));
            }
            if (!SshdConfigResolver.seconds(v).matches("[0-9]{1,10}") || Long.parseLong(SshdConfigResolver.seconds(v)) > Integer.MAX_VALUE) {
                return Optional.of(AuditTexts.get("parse.value-range"));
            }
        }
        if (keyword.equals("maxstartups")) {
            if (!STARTUPS.matcher(v).matches()) {
                return Optional.of(AuditTexts.get("parse.sshd.value.startups"));
            }
            String[] p = v.split(":");
            if (p.length == 3 && (Long.parseLong(p[0]) > Long.parseLong(p[2]) || Long.parseLong(p[1]) < 1
                    || Long.parseLong(p[1]) > 100)) {
                return Optional.of(AuditTexts.get("parse.sshd.value.startups-range"));
            }
        }
        if (SshdKeywords.isMultistate(keyword) && !keyword.equals("permituserenvironment")
                && !STATES.getOrDefault(keyword, FLAG).contains(v.toLowerCase(java.util.Locale.ROOT))) {
            return Optional.of(AuditTexts.get("parse.sshd.value.states", String.join(", ",
                    new java.util.TreeSet<>(STATES.getOrDefault(keyword, FLAG)))));
        }
        if (SshdKeywords.isAlgorithmList(keyword) && !v.startsWith("-")) {
            Optional<AlgorithmLists.Defaults> d = OpenSsh92Defaults.algorithms(keyword);
            if (d.isPresent() && !AlgorithmLists.assemble(v, d.get()).unknown().isEmpty()) {
                return Optional.of(AuditTexts.get("parse.sshd.value.algorithm"));
            }
            String names = v.startsWith("+") || v.startsWith("^") ? v.substring(1) : v;
            if (EXACT_NAMES.contains(keyword) && SshPatterns.hasWildcard(names)) {
                return Optional.of(AuditTexts.get("parse.sshd.value.wildcards", ""));
            }
        }
        if (keyword.equals("listenaddress")) {
            java.util.regex.Matcher m = LISTEN_PORT.matcher(v);
            if (m.matches() && (m.group(1).length() > 5 || Long.parseLong(m.group(1)) < 1 || Long.parseLong(m.group(1)) > 65_535)) {
                return Optional.of(AuditTexts.get("parse.sshd.value.port"));
            }
        }
        return Optional.empty();
    }
}
