package de.tomaudit.collect.mastodon;

import de.tomaudit.policy.Claim;
import de.tomaudit.policy.Period;
import de.tomaudit.policy.PolicyClaims;
import java.util.List;
import java.util.Optional;

/**
 * The promises of Mastodon's built-in privacy policy (config/templates/privacy-policy.md, read at
 * mastodon/mastodon commit 50d756a2bb648161742cd6a932eae1dcf07a6ce2; served with {@code updated_at}
 * 2022-10-07 while no own policy is set) as a claims set, checked by the policy.* rules exactly like
 * the claims of a {@code --policy} file. Each claim's source is the instance's privacy-policy API URL
 * and the template line that makes the promise.
 *
 * <p>What a machine can check: server logs with request IPs at most 90 days (line 71:
 * {@code logs.retention}), IPs associated with registered users at most 12 months (lines 41 and 73:
 * {@code ip_addresses.retention}; Mastodon implements it as {@code IP_RETENTION_PERIOD}, default
 * {@code 1.year}), browser session and API traffic secured with SSL (line 62: {@code encryption.https}),
 * passwords hashed with a strong one-way algorithm (line 63: {@code passwords}). Listed for the TOM
 * document, since only a person can judge them: the minimum age of 16 in the EU (line 113) and that
 * third parties who help run the site keep the data confidential (line 93, the processor contracts).
 * The rest of the template describes features (export, deletion, two-factor authentication, cookies).
 */
public final class TemplatePolicyClaims {
    /** Where the template lives upstream, for the evidence. */
    static final String TEMPLATE = "config/templates/privacy-policy.md";

    private TemplatePolicyClaims() { }

    /** The template's claims as the instance serves them at {@code policyUrl} (its privacy_policy API URL). */
    public static PolicyClaims of(String policyUrl, String domain) {
        String file = policyUrl + " (Mastodon's built-in privacy policy)";
        return new PolicyClaims(file, Optional.of(domain), Optional.of("https://" + domain + "/privacy-policy"),
                new PolicyClaims.Logs(claim(new Period(90L * 86_400), policyUrl, 71, "logs.retention: 90 days",
                        "Retain server logs containing the IP address of all requests to this server, in so far as such"
                                + " logs are kept, no more than 90 days."), Optional.empty(), Optional.empty()),
                claim(new Period(Period.YEAR_SECONDS), policyUrl, 73, "ip_addresses.retention: 12 months",
                        "Retain the IP addresses associated with registered users no more than 12 months."),
                new PolicyClaims.Archive(Optional.empty(), Optional.empty()),
                Optional.empty(), Optional.empty(),
                new PolicyClaims.Encryption(Optional.empty(), Optional.empty(), Optional.empty(),
                        claim("required", policyUrl, 62, "encryption.https: required",
                                "your browser session, as well as the traffic between your applications and the API,"
                                        + " are secured with SSL")),
                claim("hashed", policyUrl, 63, "passwords: hashed",
                        "your password is hashed using a strong one-way algorithm"),
                new PolicyClaims.Push(Optional.empty(), Optional.empty(), Optional.empty()),
                Optional.empty(),
                List.of(text(policyUrl, 113, "If this server is in the EU or the EEA: Our site, products and services are all"
                                + " directed to people who are at least 16 years old."),
                        text(policyUrl, 93, "This does not include trusted third parties who assist us in operating our site,"
                                + " conducting our business, or servicing you, so long as those parties agree to keep this"
                                + " information confidential.")));
    }

    private static <T> Optional<Claim<T>> claim(T value, String url, int line, String claim, String words) {
        return Optional.of(new Claim<>(value, source(url, line), 0, claim + " (\"" + words + "\")"));
    }

    private static Claim<String> text(String url, int line, String words) {
        return new Claim<>(words, source(url, line), 0, words);
    }

    /** The API URL and the template line: {@code URL (built-in template, config/templates/privacy-policy.md:71)}. */
    static String source(String url, int line) {
        return url + " (built-in template, " + TEMPLATE + ":" + line + ")";
    }
}
