package de.tomaudit.parse.ejabberd;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A configuration value as ejabberd 23.01 reads it (fast_yaml with {@code plain_as_atom}): a plain or
 * single-quoted scalar is an atom, a double-quoted or block scalar a binary, a scalar that is wholly a
 * decimal number an integer or float, YAML maps and lists are Erlang lists (so {@code {}} and
 * {@code []} are the same empty list). Each value keeps where it was written and, when it came from a
 * macro, where that macro was used.
 */
public sealed interface EjValue permits EjValue.Scalar, EjValue.Sequence, EjValue.Mapping {

    /** Where the value was written (for a macro's value: inside the macro definition). */
    Loc loc();

    /** Set when a macro put this value here. */
    Optional<MacroUse> macro();

    /** This value as placed by a macro used at {@code use}. */
    EjValue viaMacro(MacroUse use);

    /** Where the value takes effect: the macro's use site, else where it was written. */
    default Loc where() {
        return macro().map(MacroUse::usedAt).orElse(loc());
    }

    /** Short display text for evidence (lists and maps abbreviated). */
    String display();

    enum Type { ATOM, BINARY, INT, FLOAT }

    /** A macro NAME used at {@code usedAt}, defined at {@code definedAt}. */
    record MacroUse(String name, Loc usedAt, Loc definedAt) { }

    record Scalar(String text, Type type, Loc loc, Optional<MacroUse> macro) implements EjValue {
        public Scalar viaMacro(MacroUse use) {
            return new Scalar(text, type, loc, Optional.of(use));
        }

        public String display() {
            return text;
        }

        public boolean isNumber() {
            return type == Type.INT || type == Type.FLOAT;
        }
    }

    record Sequence(List<EjValue> items, Loc loc, Optional<MacroUse> macro) implements EjValue {
        public Sequence {
            items = List.copyOf(items);
        }

        public Sequence viaMacro(MacroUse use) {
            return new Sequence(items, loc, Optional.of(use));
        }

        public String display() {
            StringBuilder b = new StringBuilder();
            render(this, b);
            return abbreviate(b);
        }
    }

    record Mapping(List<Entry> entries, Loc loc, Optional<MacroUse> macro) implements EjValue {
        public Mapping {
            entries = List.copyOf(entries);
        }

        public Mapping viaMacro(MacroUse use) {
            return new Mapping(entries, loc, Optional.of(use));
        }

        public String display() {
            StringBuilder b = new StringBuilder();
            render(this, b);
            return abbreviate(b);
        }

        /** The value of the first entry with this key. */
        public Optional<EjValue> get(String key) {
            for (Entry e : entries) {
                if (e.key().text().equals(key)) {
                    return Optional.of(e.value());
                }
            }
            return Optional.empty();
        }

        /** The last entry with this key (a later duplicate wins where ejabberd keeps the last). */
        public Optional<Entry> last(String key) {
            Entry found = null;
            for (Entry e : entries) {
                if (e.key().text().equals(key)) {
                    found = e;
                }
            }
            return Optional.ofNullable(found);
        }
    }

    record Entry(Scalar key, EjValue value) { }

    int DISPLAY_LIMIT = 200;

    private static String abbreviate(StringBuilder b) {
        return b.length() <= DISPLAY_LIMIT ? b.toString() : b.substring(0, DISPLAY_LIMIT - 3) + "...";
    }

    /** Appends a short rendering, stopping once past the display limit (values may be shared and large). */
    private static void render(EjValue v, StringBuilder b) {
        if (b.length() > DISPLAY_LIMIT) {
            return;
        }
        if (v instanceof Scalar s) {
            b.append(s.text());
        } else if (v instanceof Sequence seq) {
            b.append('[');
            for (int i = 0; i < seq.items().size() && b.length() <= DISPLAY_LIMIT; i++) {
                if (i > 0) {
                    b.append(", ");
                }
                render(seq.items().get(i), b);
            }
            b.append(']');
        } else {
            Mapping m = (Mapping) v;
            b.append('{');
            for (int i = 0; i < m.entries().size() && b.length() <= DISPLAY_LIMIT; i++) {
                if (i > 0) {
                    b.append(", ");
                }
                b.append(m.entries().get(i).key().text()).append(": ");
                render(m.entries().get(i).value(), b);
            }
            b.append('}');
        }
    }

    // --- reading values the way ejabberd's validators (yconf/econf) do --------------------------------

    /** The text of an atom, binary or number. */
    default Optional<String> scalarText() {
        return this instanceof Scalar s ? Optional.of(s.text()) : Optional.empty();
    }

    /** yconf {@code bool()}: on/yes/y/true are true, off/no/n/false false (also quoted). */
    default Optional<Boolean> bool() {
        if (!(this instanceof Scalar s) || s.isNumber()) {
            return Optional.empty();
        }
        return switch (s.text()) {
            case "true", "on", "yes", "y" -> Optional.of(true);
            case "false", "off", "no", "n" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    /** An integer (a quoted number is a binary and not accepted by ejabberd's int validators). */
    default Optional<Long> integer() {
        if (this instanceof Scalar s && s.type() == Type.INT) {
            return Optional.of(Long.parseLong(s.text()));
        }
        return Optional.empty();
    }

    /** Lower-case text of a scalar, for enums. */
    default Optional<String> atom() {
        return scalarText().map(t -> t.toLowerCase(Locale.ROOT));
    }

    /** The items of a list; a map is a list of pairs in Erlang, an empty map an empty list. */
    default List<EjValue> items() {
        if (this instanceof Sequence s) {
            return s.items();
        }
        if (this instanceof Mapping m && m.entries().isEmpty()) {
            return List.of();
        }
        return List.of(this);
    }

    /** yconf {@code list_or_single}: a list's items, or a single value as a one-element list. */
    default List<EjValue> listOrSingle() {
        return items();
    }

    /** The entries of a map; an empty list is an empty map. */
    default List<Entry> entries() {
        if (this instanceof Mapping m) {
            return m.entries();
        }
        return List.of();
    }

    default boolean isList() {
        return this instanceof Sequence || this instanceof Mapping;
    }
}
