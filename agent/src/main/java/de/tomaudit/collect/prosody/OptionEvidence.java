package de.tomaudit.collect.prosody;

import de.tomaudit.facts.Evidence;
import de.tomaudit.parse.lua.ConfigOption;

/**
 * Evidence at the line that decided: an option's statement, a field of its table
 * ({@code ssl = { protocol = … }}) or an entry of its list ({@code modules_enabled = { "mam"; }});
 * a value that Lua code made cites its statement marked "computed" (issue 12: never a wrong line).
 */
final class OptionEvidence {

    private OptionEvidence() { }

    /** The whole option. */
    static Evidence of(ConfigOption o, String text) {
        return o.computed() ? Evidence.computed(o.file(), o.line(), text) : Evidence.at(o.file(), o.line(), text);
    }

    /** A field (path of field names, {@code #n} for the n-th entry) of the option's value. */
    static Evidence field(ConfigOption o, String text, String... path) {
        return at(o, o.where(path), text);
    }

    /** The list entry {@code value} (or the statement, where the literal list does not hold it). */
    static Evidence entry(ConfigOption o, String value, String text) {
        return at(o, o.entry(value), text);
    }

    private static Evidence at(ConfigOption o, ConfigOption.Part part, String text) {
        return part.computed() ? Evidence.computed(o.file(), part.line(), text) : Evidence.at(o.file(), part.line(), text);
    }
}
