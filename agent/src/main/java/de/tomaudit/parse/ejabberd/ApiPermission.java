package de.tomaudit.parse.ejabberd;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One entry of {@code api_permissions}: which interfaces ({@code from}; none listed = all), who
 * ({@code who}), and which commands ({@code what}). {@code publicCaller} is true when someone outside
 * loopback can call without authenticating: {@code who: all}, an {@code ip:} range beyond loopback, or an
 * {@code access:} rule admitting such addresses. User, ACL and {@code oauth} clauses need credentials.
 */
public record ApiPermission(String name, List<String> from, boolean publicCaller, String who, List<String> what,
                            Loc source, boolean isDefault) {

    /** ejabberd 23.01's default: "admin access" for the admin ACL (and oauth), every command but start and stop. */
    public static final ApiPermission DEFAULT = new ApiPermission("admin access", List.of(), false,
            "acl: admin, oauth (ejabberd:admin)", List.of("*", "!start", "!stop"),
            new Loc("default: ejabberd 23.01 api_permissions", 0), true);

    public ApiPermission {
        from = List.copyOf(from);
        what = List.copyOf(what);
    }

    /** The commands it grants include at least one (a positive entry). */
    public boolean grantsCommands() {
        return what.stream().anyMatch(w -> !w.startsWith("!"));
    }

    /** Applies to calls arriving through this interface module (e.g. mod_http_api). */
    public boolean appliesTo(String interfaceModule) {
        return from.isEmpty() || from.contains(interfaceModule);
    }

    public static List<ApiPermission> read(EjabberdConfig config, AccessRules access) {
        Optional<Option> opt = config.global("api_permissions");
        if (opt.isEmpty()) {
            return List.of(DEFAULT);
        }
        List<ApiPermission> out = new ArrayList<>();
        for (EjValue.Entry e : opt.get().value().entries()) {
            List<String> from = new ArrayList<>();
            List<String> what = new ArrayList<>();
            boolean pub = false;
            List<String> who = new ArrayList<>();
            for (EjValue.Entry clause : clauses(e.value())) {
                switch (clause.key().text()) {
                    case "from" -> clause.value().listOrSingle().forEach(v -> v.scalarText().ifPresent(from::add));
                    case "what" -> clause.value().listOrSingle().forEach(v -> v.scalarText().ifPresent(what::add));
                    case "who" -> {
                        Who w = who(clause.value(), access);
                        pub |= w.publicCaller;
                        who.add(w.text);
                    }
                    default -> { }
                }
            }
            out.add(new ApiPermission(e.key().text(), from, pub, String.join("; ", who), what, e.key().loc(), false));
        }
        return out;
    }

    /** An entry's body may be a map, or a list of one-key maps (an older form). */
    private static List<EjValue.Entry> clauses(EjValue body) {
        if (body instanceof EjValue.Mapping m) {
            return m.entries();
        }
        List<EjValue.Entry> out = new ArrayList<>();
        for (EjValue item : body.items()) {
            out.addAll(item.entries());
        }
        return out;
    }

    private record Who(boolean publicCaller, String text) { }

    private static Who who(EjValue spec, AccessRules access) {
        if (spec instanceof EjValue.Scalar s) {
            AccessRules.Match m = access.match(s);
            return new Who(m.publicAddress(), m.text());
        }
        boolean pub = false;
        List<String> text = new ArrayList<>();
        List<EjValue.Entry> entries = new ArrayList<>();
        for (EjValue item : spec instanceof EjValue.Sequence ? spec.items() : List.of(spec)) {
            if (item instanceof EjValue.Scalar s) {
                AccessRules.Match m = access.match(s);
                pub |= m.publicAddress();
                text.add(m.text());
            } else {
                entries.addAll(item.entries());
            }
        }
        for (EjValue.Entry e : entries) {
            switch (e.key().text()) {
                case "access" -> {
                    AccessRules.Grant g = access.access(e.value());
                    pub |= g.fromPublicAddress();
                    text.add("access: " + g.explanation());
                }
                case "oauth" -> text.add("oauth");
                default -> {
                    AccessRules.Match m = access.match(new EjValue.Mapping(List.of(e), e.key().loc(), Optional.empty()));
                    pub |= m.publicAddress();
                    text.add(m.text());
                }
            }
        }
        return new Who(pub, String.join(", ", text));
    }
}
