package de.tomaudit.probe.http;

import de.tomaudit.probe.Endpoint;
import java.util.Map;
import java.util.Optional;

/**
 * The answer of one HTTP(S) endpoint to {@code GET /} (redirects not followed).
 *
 * @param headers response headers by lower-case name; repeated headers joined with ", "
 */
public record HttpObservation(Endpoint endpoint, String url, int status, Map<String, String> headers) {

    public HttpObservation {
        headers = Map.copyOf(headers);
    }

    public Optional<String> header(String lowerCaseName) {
        return Optional.ofNullable(headers.get(lowerCaseName));
    }
}
