package de.tomaudit.result;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import de.tomaudit.facts.Processor;

/** An external processor in the JSON result (Art. 28/44), as PRODUCT.md's contract shows it. */
@JsonPropertyOrder({"service", "host", "source", "jurisdiction", "transfer"})
public record ProcessorEntry(String service, String host, String source, String jurisdiction, String transfer) {

    public static ProcessorEntry of(Processor p) {
        return new ProcessorEntry(p.service(), p.host(), p.source(), p.jurisdiction(), p.transfer());
    }
}
