package de.tomaudit.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the operator's privacy notice promises, read from a claims file ({@code --policy FILE};
 * format in docs/policy-claims.md). Every claim knows its file and line. Absent claims are empty:
 * the policy.* rule for them is not applicable.
 */
public record PolicyClaims(String file, Optional<String> service, Optional<String> notice, Logs logs,
                           Optional<Claim<Period>> ipAddresses, Archive archive, Optional<Claim<Period>> uploads, Optional<Claim<String>> registration, Encryption encryption,
                           Optional<Claim<String>> passwords, Push push, Optional<Claim<Period>> recordings,
                           List<Claim<String>> other) {

    public static final List<String> LOG_LEVELS = List.of("debug", "info", "warn", "error");
    public static final List<String> ARCHIVE_DEFAULTS = List.of("opt-in", "roster", "opt-out");
    public static final List<String> REGISTRATION_MODES = List.of("closed", "invite", "open");
    public static final List<String> ENCRYPTION = List.of("required", "optional");
    public static final List<String> PASSWORDS = List.of("hashed", "plain");

    /** Server logs: how long kept, the most verbose level written in normal operation, whether IPs are logged. */
    public record Logs(Optional<Claim<Period>> retention, Optional<Claim<String>> maxLevel,
                       Optional<Claim<Boolean>> ipAddresses) {

        Logs orElse(Logs o) {
            return new Logs(or(retention, o.retention), or(maxLevel, o.maxLevel), or(ipAddresses, o.ipAddresses));
        }
    }

    /** The message archive (XEP-0313 MAM): how long, and whether users opt in or out. */
    public record Archive(Optional<Claim<Period>> retention, Optional<Claim<String>> defaultPolicy) {

        Archive orElse(Archive o) {
            return new Archive(or(retention, o.retention), or(defaultPolicy, o.defaultPolicy));
        }
    }

    /** Transport encryption client-to-server and server-to-server, the domains exempted from it, and web/API traffic (HTTPS). */
    public record Encryption(Optional<Claim<String>> c2s, Optional<Claim<String>> s2s,
                             Optional<Claim<List<String>>> s2sExceptions, Optional<Claim<String>> https) {

        Encryption orElse(Encryption o) {
            return new Encryption(or(c2s, o.c2s), or(s2s, o.s2s), or(s2sExceptions, o.s2sExceptions), or(https, o.https));
        }
    }

    /** Push notifications through third parties, and whether they carry the message text or its sender. */
    public record Push(Optional<Claim<Boolean>> used, Optional<Claim<Boolean>> content, Optional<Claim<Boolean>> sender) {

        Push orElse(Push o) {
            return new Push(or(used, o.used), or(content, o.content), or(sender, o.sender));
        }
    }

    public PolicyClaims {
        Objects.requireNonNull(file, "file");
        other = List.copyOf(other);
    }

    /**
     * These claims, and for every claim they do not state the other set's (an operator's claims file
     * stated on top of a notice the server publishes, e.g. Mastodon's built-in template): the file
     * names both, each claim keeps its own source; free-text promises of both are listed.
     */
    public PolicyClaims orElse(PolicyClaims o) {
        List<Claim<String>> texts = new java.util.ArrayList<>(other);
        texts.addAll(o.other);
        return new PolicyClaims(file + " + " + o.file, service.or(o::service), notice.or(o::notice), logs.orElse(o.logs),
                or(ipAddresses, o.ipAddresses), archive.orElse(o.archive), or(uploads, o.uploads),
                or(registration, o.registration), encryption.orElse(o.encryption), or(passwords, o.passwords),
                push.orElse(o.push), or(recordings, o.recordings), texts);
    }

    private static <T> Optional<T> or(Optional<T> mine, Optional<T> theirs) {
        return mine.isPresent() ? mine : theirs;
    }
}
