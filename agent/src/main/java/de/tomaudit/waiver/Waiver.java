package de.tomaudit.waiver;

import java.nio.file.FileSystems;
import java.nio.file.Path;
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
        try {
            var m = FileSystems.getDefault().getPathMatcher("glob:" + target);
            return m.matches(Path.of(targetName)) || m.matches(Path.of(targetAddress.replace('/', '_')));
        } catch (RuntimeException e) {
            return false;
        }
    }

    public boolean expiredOn(LocalDate day) {
        return day.isAfter(expires);
    }
}
