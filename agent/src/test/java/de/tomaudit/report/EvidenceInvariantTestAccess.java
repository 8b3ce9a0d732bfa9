package de.tomaudit.report;

import de.tomaudit.facts.Evidence;
import de.tomaudit.result.Finding;
import java.util.stream.Collectors;

/** Test access to whole audits of the console fixtures, for tests outside this package. */
public final class EvidenceInvariantTestAccess {

    private EvidenceInvariantTestAccess() { }

    /** Every evidence value of a whole audit of a console fixture ({@code weak}, {@code hardened}) in a language. */
    public static String evidenceText(String variant, String lang) throws Exception {
        return ConsoleGoldenTest.audit(variant, lang).targets().get(0).findings().stream()
                .map(Finding::evidence).flatMap(java.util.List::stream).map(Evidence::value)
                .collect(Collectors.joining("\n"));
    }
}
