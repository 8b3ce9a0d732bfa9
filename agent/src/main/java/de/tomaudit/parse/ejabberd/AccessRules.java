package de.tomaudit.parse.ejabberd;

import de.tomaudit.i18n.AuditTexts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Who an access rule or an ACL lets in, read from {@code acl} and {@code access_rules}. Only as much of
 * ejabberd's ACL semantics as an exposure question needs: does a rule let <em>anyone</em> in (the ACL
 * {@code all}, an IP range that is not loopback-only, or a user pattern matching every account), and does
 * it admit addresses beyond loopback. Rules are read top down, the first matching {@code allow}/{@code deny}
 * deciding, so a {@code deny: all} ends the rule.
 */
public final class AccessRules {
    private final Optional<Option> acl;
    private final Optional<Option> rules;

    public AccessRules(EjabberdConfig config) {
        this.acl = config.global("acl");
        this.rules = config.global("access_rules");
    }

    /**
     * @param everyone  anyone, also without an account, can pass
     * @param fromPublicAddress an address outside loopback can pass (also true when {@code everyone})
     * @param explanation short human-readable reading of the rule
     */
    public record Grant(boolean everyone, boolean fromPublicAddress, String explanation, Loc source) { }

    /** An access option's value: a rule name ({@code all}, {@code none}, or one of access_rules) or an inline rule. */
    public Grant access(EjValue value) {
        if (value instanceof EjValue.Scalar s) {
            String name = s.text();
            if (name.equals("all")) {
                return new Grant(true, true, "all", s.where());
            }
            if (name.equals("none")) {
                return new Grant(false, false, "none", s.where());
            }
            Optional<EjValue> rule = rules.flatMap(r -> r.value().entries().stream()
                    .filter(e -> e.key().text().equals(name)).reduce((a, b) -> b)).map(EjValue.Entry::value);
            if (rule.isEmpty()) {
                return new Grant(false, false, AuditTexts.get("evidence.ejabberd.access-undefined", name), s.where());
            }
            Grant g = rule(rule.get());
            return new Grant(g.everyone(), g.fromPublicAddress(), name + " = " + g.explanation(), rule.get().where());
        }
        return rule(value);
    }

    /** A rule body: a list or map of {@code allow|deny: ACL} read top down. */
    public Grant rule(EjValue body) {
        boolean everyone = false;
        boolean publicAddress = false;
        List<String> read = new ArrayList<>();
        for (EjValue.Entry e : entriesOf(body)) {
            String action = e.key().text();
            Match match = match(e.value());
            read.add(action + " " + match.text);
            if (action.equals("deny") && match.everyone) {
                break;
            }
            if (action.equals("allow")) {
                everyone |= match.everyone;
                publicAddress |= match.publicAddress;
            }
        }
        return new Grant(everyone, publicAddress || everyone, String.join(", ", read), body.where());
    }

    /** Who an ACL spec matches: an ACL name, an inline ACL ({@code ip: ...}), or a list of them. */
    public Match match(EjValue spec) {
        if (spec instanceof EjValue.Scalar s) {
            return named(s.text(), 0);
        }
        boolean everyone = false;
        boolean publicAddress = false;
        List<String> text = new ArrayList<>();
        for (EjValue item : spec instanceof EjValue.Sequence ? spec.items() : List.of(spec)) {
            if (item instanceof EjValue.Scalar s) {
                Match m = named(s.text(), 0);
                everyone |= m.everyone;
                publicAddress |= m.publicAddress;
                text.add(m.text);
                continue;
            }
            for (EjValue.Entry e : item.entries()) {
                Match m = e.key().text().equals("acl")
                        ? e.value().scalarText().map(n -> named(n, 0)).orElse(new Match(false, false, "acl ?"))
                        : inline(e.key().text(), e.value());
                everyone |= m.everyone;
                publicAddress |= m.publicAddress;
                text.add(m.text);
            }
        }
        return new Match(everyone, publicAddress || everyone, String.join(" or ", text));
    }

    /** What an ACL matches. */
    public record Match(boolean everyone, boolean publicAddress, String text) { }

    private Match named(String name, int depth) {
        if (name.equals("all")) {
            return new Match(true, true, "all");
        }
        if (name.equals("none")) {
            return new Match(false, false, "none");
        }
        Optional<EjValue> def = acl.flatMap(a -> a.value().entries().stream()
                .filter(e -> e.key().text().equals(name)).reduce((a1, b) -> b)).map(EjValue.Entry::value);
        if (def.isEmpty() || depth > 8) {
            return new Match(false, false, name);
        }
        boolean everyone = false;
        boolean publicAddress = false;
        for (EjValue item : def.get() instanceof EjValue.Sequence ? def.get().items() : List.of(def.get())) {
            for (EjValue.Entry e : item.entries()) {
                Match m = inline(e.key().text(), e.value());
                everyone |= m.everyone;
                publicAddress |= m.publicAddress;
            }
        }
        return new Match(everyone, publicAddress || everyone, name);
    }

    /** One inline ACL rule: {@code ip: CIDR(s)}, {@code user_regexp: ""}, {@code server: host}, ... */
    private static Match inline(String kind, EjValue value) {
        List<String> vals = new ArrayList<>();
        for (EjValue v : value.items()) {
            v.scalarText().ifPresent(vals::add);
            for (EjValue.Entry e : v.entries()) {
                vals.add(e.key().text());
            }
        }
        String text = kind + ": " + String.join(", ", vals);
        return switch (kind.toLowerCase(Locale.ROOT)) {
            case "ip" -> {
                boolean pub = vals.stream().anyMatch(c -> !Addresses.isLoopbackRange(c));
                boolean all = vals.stream().anyMatch(c -> c.equals("0.0.0.0/0") || c.equals("::/0"));
                yield new Match(all, pub, text);
            }
            case "user_regexp", "user_glob" -> new Match(vals.stream().anyMatch(p -> p.isEmpty() || p.equals(".*")
                    || p.equals("*")), false, text);
            case "server", "server_regexp", "server_glob" -> new Match(true, false, text);
            default -> new Match(false, false, text);
        };
    }

    private static List<EjValue.Entry> entriesOf(EjValue body) {
        if (body instanceof EjValue.Mapping m) {
            return m.entries();
        }
        List<EjValue.Entry> out = new ArrayList<>();
        for (EjValue item : body.items()) {
            out.addAll(item.entries());
        }
        return out;
    }
}
