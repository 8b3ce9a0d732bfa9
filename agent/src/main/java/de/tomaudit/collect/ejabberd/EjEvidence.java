package de.tomaudit.collect.ejabberd;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.facts.Evidence;
import de.tomaudit.parse.ejabberd.EjValue;
import de.tomaudit.parse.ejabberd.Loc;
import de.tomaudit.parse.ejabberd.Option;

/** Evidence for ejabberd values: the file and line where a value takes effect, and the macro it came from. */
final class EjEvidence {

    private EjEvidence() { }

    static Evidence at(Loc loc, Object value) {
        return Evidence.at(loc.file(), loc.line(), value);
    }

    /** {@code file:line = key: value}, naming the macro when one put the value there. */
    static Evidence option(String key, EjValue value) {
        return at(value.where(), key + ": " + value.display() + macroNote(value));
    }

    static Evidence option(Option o) {
        return option(o.key(), o.value());
    }

    static Evidence byDefault(String key, Object value) {
        return Evidence.byDefault("ejabberd 23.01 " + key, value);
    }

    /** {@code " (macro NAME defined at file:line)"} or empty. */
    static String macroNote(EjValue v) {
        return v.macro().map(m -> " (" + AuditTexts.get("evidence.ejabberd.macro", m.name(), String.valueOf(m.definedAt())) + ")").orElse("");
    }

    /** {@code file:line} where the value takes effect. */
    static String source(EjValue v) {
        return v.where().toString();
    }
}
