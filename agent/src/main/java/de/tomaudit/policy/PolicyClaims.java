package de.tomaudit.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the operator's privacy notice promises, read from a claims file ({@code --policy FILE};
 * format in docs/policy-claims.md). Every claim knows its file and line. Absent claims are empty:
 * the policy.* rule for them is not applicable.
 */
public record PolicyClaims(String file, Optional<String> service, Optional<String> notice, Logs logs, Archive archive,
                           Optional<Claim<Period>> uploads, Optional<Claim<String>> registration, Encryption encryption,
                           Optional<Claim<String>> passwords, Push push, Optional<Claim<Period>> recordings,
                           List<Claim<String>> other) {

    public static final List<String> LOG_LEVELS = List.of("debug", "info", "warn", "error");
    public static final List<String> ARCHIVE_DEFAULTS = List.of("opt-in", "roster", "opt-out");
    public static final List<String> REGISTRATION_MODES = List.of("closed", "invite", "open");
    public static final List<String> ENCRYPTION = List.of("required", "optional");
    public static final List<String> PASSWORDS = List.of("hashed", "plain");

    /** Server logs: how long kept, the most verbose level written in normal operation, whether IPs are logged. */
    public record Logs(Optional<Claim<Period>> retention, Optional<Claim<String>> maxLevel,
                       Optional<Claim<Boolean>> ipAddresses) { }

    /** The message archive (XEP-0313 MAM): how long, and whether users opt in or out. */
    public record Archive(Optional<Claim<Period>> retention, Optional<Claim<String>> defaultPolicy) { }

    /** Transport encryption client-to-server and server-to-server, and the domains exempted from it. */
    public record Encryption(Optional<Claim<String>> c2s, Optional<Claim<String>> s2s,
                             Optional<Claim<List<String>>> s2sExceptions) { }

    /** Push notifications through third parties, and whether they carry the message text or its sender. */
    public record Push(Optional<Claim<Boolean>> used, Optional<Claim<Boolean>> content, Optional<Claim<Boolean>> sender) { }

    public PolicyClaims {
        Objects.requireNonNull(file, "file");
        other = List.copyOf(other);
    }
}
