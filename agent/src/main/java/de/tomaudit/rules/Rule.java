package de.tomaudit.rules;

import java.util.List;
import java.util.Optional;

/**
 * One rule from a YAML pack: immutable, evaluated statelessly against a target's facts.
 *
 * @param pack    the product it belongs to ({@code host}, {@code prosody}, …), the id's first part
 * @param optional facts that may be unknown: bound to null instead of making the finding n/a or error
 * @param passRequires facts without which the rule cannot pass (completeness of a probe): unknown,
 *                they are null for the condition; a failure on the data seen still fails, a pass
 *                becomes not-applicable or error with their reason
 * @param why     sentences that say why a failure failed, the first whose {@code when} holds wins
 * @param evidenceWhere per list fact, {@code t:filter(FACT, x -> …)}: only the evidence lines of the
 *                entries it keeps (matched by the entry's {@code source} or {@code label}) are shown
 * @param source  file and line the rule was loaded from
 * @param question for a manual rule ({@code manual: true}): the question the TOM document must
 *                answer by hand; such a rule has no condition and always gives status {@code manual}
 */
public record Rule(String id, String pack, Severity severity, Text title, Text remediation, TomTags tom,
                   List<String> refs, String assumes, Optional<Condition> when, Text notApplicable,
                   Condition condition, List<String> evidence, List<Grade> grades, List<String> optional,
                   List<String> passRequires, List<Why> why, java.util.Map<String, Condition> evidenceWhere,
                   String source, Optional<Text> question) {

    public Rule {
        refs = List.copyOf(refs);
        evidence = List.copyOf(evidence);
        grades = List.copyOf(grades);
        optional = List.copyOf(optional);
        passRequires = List.copyOf(passRequires);
        why = List.copyOf(why);
        evidenceWhere = java.util.Map.copyOf(evidenceWhere);
        question = question == null ? Optional.empty() : question;
    }

    /** An organisational measure no machine can judge: listed for the TOM document, never pass or fail. */
    public boolean manual() {
        return question.isPresent();
    }

    /** A rule with why-lines and an evidence filter, not manual. */
    public Rule(String id, String pack, Severity severity, Text title, Text remediation, TomTags tom,
                List<String> refs, String assumes, Optional<Condition> when, Text notApplicable,
                Condition condition, List<String> evidence, List<Grade> grades, List<String> optional,
                List<String> passRequires, List<Why> why, java.util.Map<String, Condition> evidenceWhere,
                String source) {
        this(id, pack, severity, title, remediation, tom, refs, assumes, when, notApplicable, condition, evidence,
                grades, optional, passRequires, why, evidenceWhere, source, Optional.empty());
    }

    /** A manual rule (or any rule without why-lines and evidence filter). */
    public Rule(String id, String pack, Severity severity, Text title, Text remediation, TomTags tom,
                List<String> refs, String assumes, Optional<Condition> when, Text notApplicable,
                Condition condition, List<String> evidence, List<Grade> grades, List<String> optional,
                List<String> passRequires, String source, Optional<Text> question) {
        this(id, pack, severity, title, remediation, tom, refs, assumes, when, notApplicable, condition, evidence,
                grades, optional, passRequires, List.of(), java.util.Map.of(), source, question);
    }

    /** A rule without an evidence filter. */
    public Rule(String id, String pack, Severity severity, Text title, Text remediation, TomTags tom,
                List<String> refs, String assumes, Optional<Condition> when, Text notApplicable,
                Condition condition, List<String> evidence, List<Grade> grades, List<String> optional,
                List<String> passRequires, List<Why> why, String source) {
        this(id, pack, severity, title, remediation, tom, refs, assumes, when, notApplicable, condition, evidence,
                grades, optional, passRequires, why, java.util.Map.of(), source);
    }

    /** A rule without why-lines (tests, generated rules). */
    public Rule(String id, String pack, Severity severity, Text title, Text remediation, TomTags tom,
                List<String> refs, String assumes, Optional<Condition> when, Text notApplicable,
                Condition condition, List<String> evidence, List<Grade> grades, List<String> optional,
                List<String> passRequires, String source) {
        this(id, pack, severity, title, remediation, tom, refs, assumes, when, notApplicable, condition, evidence,
                grades, optional, passRequires, List.of(), source);
    }
}
