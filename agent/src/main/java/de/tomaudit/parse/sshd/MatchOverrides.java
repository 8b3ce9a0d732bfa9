package de.tomaudit.parse.sshd;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The authentication settings made inside Match blocks, where a global "no" can be turned back on. */
public final class MatchOverrides {

    /** Keywords that decide how one may log in. */
    public static final Set<String> AUTH_KEYWORDS = Set.of(
            "passwordauthentication", "kbdinteractiveauthentication", "permitrootlogin", "permitemptypasswords",
            "authenticationmethods", "pubkeyauthentication");

    private MatchOverrides() { }

    public static List<MatchOverride> find(SshdConfig config) {
        List<MatchOverride> out = new ArrayList<>();
        for (Directive d : config.directives()) {
            if (d.global() || !AUTH_KEYWORDS.contains(d.keyword())) {
                continue;
            }
            String value = SshdKeywords.isMultistate(d.keyword())
                    ? SshdKeywords.normaliseValue(d.keyword(), d.args().get(0)) : d.value();
            out.add(new MatchOverride(d, d.matches().get(d.matches().size() - 1), value));
        }
        return out;
    }
}
