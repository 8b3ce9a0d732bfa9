package de.tomaudit.parse.sshd;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a configured algorithm list into the list sshd uses (kex_assemble_names): empty means
 * the default; {@code +names} appends to the default, {@code -patterns} removes from it,
 * {@code ^names} puts names first; wildcards expand over the supported algorithms.
 */
public final class AlgorithmLists {

    /** The compiled-in default list and every algorithm the build supports. */
    public record Defaults(List<String> defaults, List<String> supported) {
        public Defaults {
            defaults = List.copyOf(defaults);
            supported = List.copyOf(supported);
        }
    }

    /** The effective names and configured names the build does not know (sshd refuses those). */
    public record Assembled(List<String> names, List<String> unknown) {
        public Assembled {
            names = List.copyOf(names);
            unknown = List.copyOf(unknown);
        }
    }

    private AlgorithmLists() { }

    public static Assembled assemble(String configured, Defaults d) {
        if (configured == null || configured.isEmpty()) {
            return new Assembled(d.defaults(), List.of());
        }
        char op = configured.charAt(0);
        String rest = configured.substring(1);
        if (op == '-') {
            List<String> kept = d.defaults().stream()
                    .filter(name -> SshPatterns.matchList(name, rest, false) != SshPatterns.ListMatch.MATCHED)
                    .toList();
            return new Assembled(kept, List.of());
        }
        List<String> entries = switch (op) {
            case '+' -> concat(d.defaults(), split(rest));
            case '^' -> concat(split(rest), d.defaults());
            default -> split(configured);
        };
        Set<String> out = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String entry : entries) {
            if (entry.startsWith("!")) {
                unknown.add(entry);
                continue;
            }
            List<String> matching = d.supported().stream().filter(s -> SshPatterns.matches(s, entry)).toList();
            if (matching.isEmpty()) {
                unknown.add(entry);
            }
            out.addAll(matching);
        }
        return new Assembled(List.copyOf(out), unknown);
    }

    private static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        for (String part : s.split(",")) {
            if (!part.isEmpty()) {
                out.add(part);
            }
        }
        return out;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        Set<String> s = new LinkedHashSet<>(a);
        s.addAll(b);
        return List.copyOf(s);
    }
}
