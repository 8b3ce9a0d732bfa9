package de.tomaudit.collect.bbb;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Signs BigBlueButton API calls as the API documentation defines it: checksum = hex(hash(call name +
 * query string + shared secret)), the algorithm chosen by the server from the checksum's length (sha1 40,
 * sha256 64, sha384 96, sha512 128 hex digits). Holds the raw shared secret, which never leaves this
 * object: it is not a fact, prints redacted and is not serialisable.
 */
final class ApiSigner {
    /** Strongest first; bbb-web accepts those listed in {@code supportedChecksumAlgorithms}. */
    static final List<String> PREFERENCE = List.of("sha512", "sha384", "sha256", "sha1");

    private final String secret;

    ApiSigner(String secret) {
        this.secret = secret;
    }

    /** The strongest algorithm the server allows, from its {@code supportedChecksumAlgorithms}. */
    static String choose(String supported) {
        List<String> allowed = List.of(supported.toLowerCase(Locale.ROOT).split("\\s*,\\s*"));
        return PREFERENCE.stream().filter(allowed::contains).findFirst().orElse("sha256");
    }

    String checksum(String call, String query, String algorithm) {
        String jca = switch (algorithm) {
            case "sha1" -> "SHA-1";
            case "sha256" -> "SHA-256";
            case "sha384" -> "SHA-384";
            case "sha512" -> "SHA-512";
            default -> throw new IllegalArgumentException("unknown checksum algorithm " + algorithm);
        };
        try {
            MessageDigest d = MessageDigest.getInstance(jca);
            return HexFormat.of().formatHex(d.digest((call + query + secret).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(jca + " is required by every JRE", e);
        }
    }

    @Override
    public String toString() {
        return "ApiSigner[" + de.tomaudit.facts.Secret.of(secret) + "]";
    }
}
