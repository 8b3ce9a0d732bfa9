package de.tomaudit.waiver;

import de.tomaudit.pattern.Wildcard;
import java.time.LocalDate;

/**
 * An accepted risk: a rule on matching targets is reported {@code waived} until the expiry
 * date, after which it fails again. {@code target} is a name, an address or a glob ({@code *}).
 */
public record Waiver(String ruleId, String target, String justification, LocalDate expires, String source) {

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
