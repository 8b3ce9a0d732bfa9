package de.tomaudit.collect.bbb;

import de.tomaudit.processors.Classification;
import de.tomaudit.processors.KnownProviders;

/**
 * Where an external host named by the configuration is, for the processors list (Art. 28/44): the
 * one place this pack decides it, from the shared table of known providers
 * ({@link KnownProviders}); a host it does not know is "unknown" and must be documented by hand.
 */
final class ProcessorJurisdiction {

    /** The jurisdiction and transfer wording of {@link de.tomaudit.facts.Processor}. */
    record Decision(String jurisdiction, String transfer) { }

    private ProcessorJurisdiction() { }

    static Decision of(String host) {
        Classification c = KnownProviders.classify(host);
        return new Decision(c.jurisdiction(), c.transfer());
    }
}
