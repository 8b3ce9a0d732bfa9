package de.tomaudit.probe;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The bounds and extras of the probe phase, bound once from the command line.
 *
 * @param enabled              false with {@code --no-probe}: every probe fact is not-applicable
 * @param connectTimeout       TCP connect timeout per connection
 * @param readTimeout          longest wait for any answer on an open connection
 * @param handshakesPerEndpoint most connections open to one endpoint at once (politeness)
 * @param parallelEndpoints    endpoints probed at once
 * @param budget               total time for all probes of one target; what is left undone is an error
 * @param extra                endpoints named with {@code --probe}
 * @param only                 {@code --probe-only}: no collectors, only the probes of the {@code --probe} endpoints
 *                             and the tls/http rules (a TLS check of given endpoints, as testssl.sh does)
 */
public record ProbeSettings(boolean enabled, Duration connectTimeout, Duration readTimeout, int handshakesPerEndpoint,
                            int parallelEndpoints, Duration budget, List<ProbeSpec> extra, boolean only) {

    public static final ProbeSettings DEFAULT = new ProbeSettings(true, Duration.ofSeconds(3), Duration.ofSeconds(5),
            4, 4, Duration.ofSeconds(60), List.of());

    /** A full audit (collectors and probes). */
    public ProbeSettings(boolean enabled, Duration connectTimeout, Duration readTimeout, int handshakesPerEndpoint,
                         int parallelEndpoints, Duration budget, List<ProbeSpec> extra) {
        this(enabled, connectTimeout, readTimeout, handshakesPerEndpoint, parallelEndpoints, budget, extra, false);
    }

    public ProbeSettings {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(budget, "budget");
        extra = List.copyOf(extra);
        if (handshakesPerEndpoint < 1 || parallelEndpoints < 1) {
            throw new IllegalArgumentException("probe concurrency must be at least 1");
        }
    }

    public ProbeSettings withExtra(List<ProbeSpec> specs) {
        return new ProbeSettings(enabled, connectTimeout, readTimeout, handshakesPerEndpoint, parallelEndpoints, budget, specs, only);
    }

    public ProbeSettings disabled() {
        return new ProbeSettings(false, connectTimeout, readTimeout, handshakesPerEndpoint, parallelEndpoints, budget, extra, false);
    }
}
