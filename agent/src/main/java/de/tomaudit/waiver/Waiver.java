package de.tomaudit.waiver;

import de.tomaudit.pattern.Wildcard;
import java.time.LocalDate;

/**
 * An accepted risk: a rule on matching targets is reported {@code waived} until the expiry
 * date, after which it fails again. {@code target} is a name, an address or a glob ({@code *});
 * {@code approver} is who accepted the risk; {@code source} is {@code file:line}.
 */
public record Waiver(String ruleId, String target, String justification, String approver, LocalDate expires,
                     String source) {

    public Waiver(String ruleId, String target, String justification, LocalDate expires, String source) {
        this(ruleId, target, justification, "", expires, source);
    }

    /** How the waiver is named in warnings: rule, target and where it is written. */
    public String described() {
        return "waiver " + ruleId + (target.equals("*") ? "" : " for " + target) + " (" + source
                + (approver.isEmpty() ? "" : ", approved by " + approver) + ")";
    }

    /** The approver as written into a finding's reason, so the reports can read it back (no brackets or colons). */
    public String approverInNote() {
        return approver.replace('(', '[').replace(')', ']').replace(':', ' ').strip();
    }

    public boolean matches(String ruleId, String targetName, String targetAddress) {
        if (!this.ruleId.equals(ruleId)) {
            return false;
        }
        if (target.equals("*") || target.equals(targetName) || target.equals(targetAddress)) {
            return true;
        }
        return Wildcard.matchesPath(targetName, target, Wildcard.Syntax.GLOB)
                || Wildcard.matchesPath(targetAddress.replace('/', '_'), target, Wildcard.Syntax.GLOB);
    }

    public boolean expiredOn(LocalDate day) {
        return day.isAfter(expires);
    }
}
