package de.tomaudit.report.tom;

import java.util.List;

/**
 * The TOM annex as a document, every text already in the chosen language: what the HTML and
 * Markdown templates and the Word writer lay out. Built from the result by {@link TomAnnexBuilder};
 * holds no secret that the result did not already redact.
 */
public record TomAnnex(String lang, Header header, Counts counts, List<TargetRow> targets, List<Problem> problems,
                       List<Group> groups, List<RetentionRow> retentions, List<ProcessorRow> processors,
                       String footer) {

    public TomAnnex {
        targets = List.copyOf(targets);
        problems = List.copyOf(problems);
        groups = List.copyOf(groups);
        retentions = List.copyOf(retentions);
        processors = List.copyOf(processors);
    }

    /** Who, when, with what: the document's head. */
    public record Header(String title, String subtitle, String org, boolean orgGiven, String date, String period,
                         String tool, String rules, String grouping, String groupingShort) { }

    /** Findings by status over all targets. */
    public record Counts(int pass, int fail, int waived, int manual, int error, int notApplicable) { }

    public record TargetRow(String name, String address, String kinds, String status, String statusKey) { }

    /** Something that kept a target from being audited completely. */
    public record Problem(String target, String stage, String message) { }

    /** One category of the chosen vocabulary with its five sections. */
    public record Group(String key, String number, String label, String description, List<Item> verified,
                        List<Item> gaps, List<Item> waived, List<Item> errors, List<Item> manual) {
        public Group {
            verified = List.copyOf(verified);
            gaps = List.copyOf(gaps);
            waived = List.copyOf(waived);
            errors = List.copyOf(errors);
            manual = List.copyOf(manual);
        }

        public boolean empty() {
            return verified.isEmpty() && gaps.isEmpty() && waived.isEmpty() && errors.isEmpty() && manual.isEmpty();
        }
    }

    /**
     * One rule in one section: its title, remediation or question, and where it was found. Targets
     * with the same evidence, severity and reason share one occurrence.
     */
    public record Item(String ruleId, String title, String remediation, String question, List<Occurrence> occurrences) {
        public Item {
            occurrences = List.copyOf(occurrences);
        }
    }

    /** Where and how a rule was found: the targets, severity, evidence, and a waiver's details. */
    public record Occurrence(String targets, String severity, String severityKey, String why, List<EvidenceLine> evidence,
                             String more, String reason, String justification, String approver, String expires) {
        public Occurrence {
            evidence = List.copyOf(evidence);
        }
    }

    public record EvidenceLine(String source, String value) { }

    /** One line of the Löschfristen table. */
    public record RetentionRow(String target, String subject, String period, String iso, String source, String origin,
                               String checkedIn, String oldest, String holds, String holdsKey) { }

    public record ProcessorRow(String target, String service, String host, String jurisdiction, String transfer,
                               String source) { }
}
