package de.tomaudit.parse.ejabberd;

/**
 * Something in the configuration ejabberd would refuse or read differently than it looks.
 *
 * @param fatal true when the effective configuration cannot be known from the files at all (a YAML
 *              syntax error, a missing or circular include, a circular or duplicated macro); false
 *              when the values are still known but ejabberd would complain or read them differently
 *              (an unexpanded YAML alias, a macro name used as a key, a duplicated option)
 */
public record ConfigProblem(Loc where, String message, boolean fatal) {

    public String source() {
        return where.toString();
    }

    @Override
    public String toString() {
        return where + ": " + message;
    }
}
