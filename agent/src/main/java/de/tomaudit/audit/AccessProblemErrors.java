package de.tomaudit.audit;

import de.tomaudit.facts.FactSet;
import de.tomaudit.facts.Unavailable;
import de.tomaudit.result.Finding;
import de.tomaudit.result.Status;
import de.tomaudit.result.TargetError;
import de.tomaudit.target.AccessProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The target's own access problems (sudo refused, connection lost, time over, exec channels
 * refused) as one error each, listing in {@code affects} the facts and rules they left
 * undecided; every fact or rule whose reason names such a problem is counted there, not repeated
 * as an error of its own.
 */
final class AccessProblemErrors {
    private final List<AccessProblem> problems;

    AccessProblemErrors(List<AccessProblem> problems) {
        this.problems = List.copyOf(problems);
    }

    /** Whether this reason was caused by one of the problems (and so is already reported). */
    boolean covers(String reason) {
        return problems.stream().anyMatch(p -> p.caused(reason));
    }

    /** One error per problem (the same message twice is one), with what it affected. */
    List<TargetError> errors(FactSet facts, List<Finding> findings) {
        Map<String, AccessProblem> distinct = new LinkedHashMap<>();
        problems.forEach(p -> distinct.putIfAbsent(p.stage() + "\0" + p.message(), p));
        List<TargetError> out = new ArrayList<>();
        for (AccessProblem p : distinct.values()) {
            Set<String> affects = new LinkedHashSet<>();
            for (Unavailable u : facts.unavailable()) {
                if (!u.key().startsWith("target.") && p.caused(u.reason())) {
                    affects.add(u.key());
                }
            }
            for (Finding f : findings) {
                if ((f.status() == Status.ERROR || f.status() == Status.NOT_APPLICABLE) && p.caused(f.reason())) {
                    affects.add(f.ruleId());
                }
            }
            out.add(new TargetError(p.stage(), p.message(), List.copyOf(affects)));
        }
        return out;
    }
}
