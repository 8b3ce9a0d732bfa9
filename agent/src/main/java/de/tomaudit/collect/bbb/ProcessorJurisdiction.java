package de.tomaudit.collect.bbb;

/**
 * Where an external host named by the configuration is, for the processors list (Art. 28/44). The one
 * place this pack decides it: until a table of known providers is wired in here, every host is
 * "unknown" and must be documented by hand.
 */
final class ProcessorJurisdiction {

    /** The jurisdiction and transfer wording of {@link de.tomaudit.facts.Processor}. */
    record Decision(String jurisdiction, String transfer) { }

    private ProcessorJurisdiction() { }

    static Decision of(String host) {
        return new Decision("unknown", "unknown: document by hand");
    }
}
