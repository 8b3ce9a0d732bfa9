package de.tomaudit.processors;

import java.util.Objects;

/**
 * Where a processor's host belongs: the provider, its {@code jurisdiction} ("DE", "US", … or
 * "unknown"; "local" for this machine or a private address), the {@code transfer} in GDPR terms
 * ("EU/EEA", "third country (Art. 44)", "none (local)" or "unknown: document by hand") and the
 * {@code source} stating the provider's seat.
 */
public record Classification(String provider, String jurisdiction, String transfer, String source) {

    public static final String UNKNOWN_TRANSFER = "unknown: document by hand";

    public Classification {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(jurisdiction, "jurisdiction");
        Objects.requireNonNull(transfer, "transfer");
        Objects.requireNonNull(source, "source");
    }

    public boolean known() {
        return !jurisdiction.equals("unknown");
    }

    public boolean local() {
        return jurisdiction.equals("local");
    }
}
