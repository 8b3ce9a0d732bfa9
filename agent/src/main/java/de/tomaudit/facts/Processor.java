package de.tomaudit.facts;

import java.util.Objects;

/**
 * An external service the configuration sends personal data to (GDPR Art. 28 processor, Art. 44
 * transfer): what it is for, its host, the file and line that names it, and where it is as far
 * as the host name tells ({@code jurisdiction} such as "DE", "EU", "US", or "unknown"). {@code
 * transfer} says "EU/EEA", "third country (Art. 44)" or "unknown: document by hand".
 */
public record Processor(String service, String host, String source, String jurisdiction, String transfer) {
    public Processor {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(jurisdiction, "jurisdiction");
        Objects.requireNonNull(transfer, "transfer");
    }
}
