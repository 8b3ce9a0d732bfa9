package de.tomaudit.parse.ejabberd;

import de.tomaudit.parse.yaml.RawNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns {@link RawNode}s into the Erlang terms ejabberd 23.01's fast_yaml makes of them with
 * {@code plain_as_atom} (checked against fast_yaml 1.0.36 on Debian 12):
 * <ul>
 *   <li>single-quoted: an atom, even when it looks like a number;</li>
 *   <li>double-quoted: a binary;</li>
 *   <li>otherwise a scalar that is wholly a C {@code strtol} decimal is an integer, one that continues at
 *       a '.' and is wholly a {@code strtod} number a float ({@code 010} is 10, {@code 0x10} and
 *       {@code 1e3} are not numbers);</li>
 *   <li>a remaining non-empty plain scalar is an atom ({@code yes}, {@code ~} and {@code null} included:
 *       YAML's null and bool schemas do not apply), an empty one or a block scalar a binary;</li>
 *   <li>an alias {@code *name} is the binary {@code name}: fast_yaml does not expand aliases;</li>
 *   <li>an atom longer than 255 bytes is a parse error.</li>
 * </ul>
 */
final class FastYamlTerms {
    private static final Pattern FLOAT = Pattern.compile("[+-]?[0-9]*\\.[0-9]*([eE][+-]?[0-9]+)?");
    private static final int MAX_ATOM_BYTES = 255;

    private final String file;
    private final List<ConfigProblem> problems;

    FastYamlTerms(String file, List<ConfigProblem> problems) {
        this.file = file;
        this.problems = problems;
    }

    /** The term, or empty after recording a fatal problem. Iterative in depth only as deep as RawYaml allows. */
    Optional<EjValue> convert(RawNode node) {
        try {
            return Optional.of(term(node));
        } catch (AtomTooLong e) {
            problems.add(new ConfigProblem(e.loc, "a plain or single-quoted value longer than " + MAX_ATOM_BYTES
                    + " bytes: ejabberd's YAML reader refuses it (double-quote it)", true));
            return Optional.empty();
        }
    }

    private EjValue term(RawNode node) {
        Loc loc = new Loc(file, node.line());
        if (node instanceof RawNode.Scalar s) {
            return scalar(s, loc);
        }
        if (node instanceof RawNode.Alias a) {
            problems.add(new ConfigProblem(loc, "YAML alias *" + a.anchor() + ": ejabberd's YAML reader (fast_yaml) does not"
                    + " expand aliases and reads the text '" + a.anchor() + "' here", false));
            return new EjValue.Scalar(a.anchor(), EjValue.Type.BINARY, loc, Optional.empty());
        }
        if (node instanceof RawNode.Sequence seq) {
            List<EjValue> items = new ArrayList<>(seq.items().size());
            for (RawNode n : seq.items()) {
                items.add(term(n));
            }
            return new EjValue.Sequence(items, loc, Optional.empty());
        }
        RawNode.Mapping map = (RawNode.Mapping) node;
        List<EjValue.Entry> entries = new ArrayList<>(map.entries().size());
        for (RawNode.Entry e : map.entries()) {
            EjValue key = term(e.key());
            if (!(key instanceof EjValue.Scalar k)) {
                problems.add(new ConfigProblem(key.loc(), "a list or map used as a key: ejabberd expects a name here;"
                        + " the entry is ignored", false));
                continue;
            }
            entries.add(new EjValue.Entry(k, term(e.value())));
        }
        return new EjValue.Mapping(entries, loc, Optional.empty());
    }

    private static EjValue.Scalar scalar(RawNode.Scalar s, Loc loc) {
        String v = s.value();
        EjValue.Type type;
        switch (s.style()) {
            case SINGLE_QUOTED -> type = atom(v, loc);
            case DOUBLE_QUOTED -> type = EjValue.Type.BINARY;
            default -> {
                Optional<EjValue.Scalar> number = number(v, loc);
                if (number.isPresent()) {
                    return number.get();
                }
                type = s.style() == RawNode.Style.PLAIN && !v.isEmpty() ? atom(v, loc) : EjValue.Type.BINARY;
            }
        }
        return new EjValue.Scalar(v, type, loc, Optional.empty());
    }

    private static EjValue.Type atom(String v, Loc loc) {
        if (v.length() > MAX_ATOM_BYTES / 4 && v.getBytes(StandardCharsets.UTF_8).length > MAX_ATOM_BYTES) {
            throw new AtomTooLong(loc);
        }
        return EjValue.Type.ATOM;
    }

    /** strtol over the whole text, else strtod when strtol stopped at a '.'. */
    static Optional<EjValue.Scalar> number(String v, Loc loc) {
        int n = v.length();
        if (n == 0 || n > 64) {
            return Optional.empty();
        }
        char first = v.charAt(0);
        if (first != '+' && first != '-' && first != '.' && (first < '0' || first > '9')) {
            return Optional.empty(); // the common case: a word
        }
        int i = first == '+' || first == '-' ? 1 : 0;
        int digits = i;
        while (digits < n && Character.isDigit(v.charAt(digits)) && v.charAt(digits) < 128) {
            digits++;
        }
        if (digits == n && digits > i) {
            long value;
            try {
                value = Long.parseLong(first == '+' ? v.substring(1) : v);
            } catch (NumberFormatException e) {
                value = first == '-' ? Long.MIN_VALUE : Long.MAX_VALUE; // strtol saturates
            }
            return Optional.of(new EjValue.Scalar(Long.toString(value), EjValue.Type.INT, loc, Optional.empty()));
        }
        // strtol stops at the '.' only after digits, or at once when the text starts with it
        boolean atDot = digits < n && v.charAt(digits) == '.' && (digits > i || digits == 0);
        if (atDot && FLOAT.matcher(v).matches() && v.chars().anyMatch(Character::isDigit)) {
            double d = Double.parseDouble(v);
            return Optional.of(new EjValue.Scalar(Double.toString(d), EjValue.Type.FLOAT, loc, Optional.empty()));
        }
        return Optional.empty();
    }

    private static final class AtomTooLong extends RuntimeException {
        private final transient Loc loc;

        AtomTooLong(Loc loc) {
            super(null, null, false, false);
            this.loc = loc;
        }
    }
}
