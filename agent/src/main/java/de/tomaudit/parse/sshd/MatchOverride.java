package de.tomaudit.parse.sshd;

/**
 * An authentication setting made inside a Match block: for the connections the block matches it
 * replaces the global value.
 *
 * @param directive the setting line
 * @param block     the innermost Match block governing it
 * @param value     the value, normalised as sshd -T prints it
 */
public record MatchOverride(Directive directive, MatchBlock block, String value) {

    public String keyword() {
        return directive.keyword();
    }
}
