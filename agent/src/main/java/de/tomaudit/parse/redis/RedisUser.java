package de.tomaudit.parse.redis;

import de.tomaudit.facts.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An ACL user after its rules were applied left to right: whether it is enabled, whether it
 * needs no password ({@code nopass}), and its passwords and hashes (as {@link Secret}s).
 * A user defined by a {@code user} line starts from the reset state (off, no passwords).
 */
public record RedisUser(String name, boolean enabled, boolean nopass, List<Secret> passwords, String file, int line) {

    public RedisUser {
        passwords = List.copyOf(passwords);
    }

    /** A new connection is logged in as this user without AUTH (Redis: nopass and not disabled). */
    public boolean opensWithoutPassword() {
        return enabled && nopass;
    }

    /** Applies the rules of one {@code user} directive (its first argument is the name). */
    public static RedisUser fromDirective(RedisDirective d) {
        return apply(new RedisUser(d.first(), false, false, List.of(), d.file(), d.line()), d);
    }

    /** The rules of a directive on top of an existing user (a repeated user line). */
    public static RedisUser apply(RedisUser start, RedisDirective d) {
        boolean enabled = start.enabled;
        boolean nopass = start.nopass;
        List<Secret> pw = new ArrayList<>(start.passwords);
        for (RedisArg a : d.args().subList(1, d.args().size())) {
            if (a.isSecret()) {
                Secret s = a.secret().orElseThrow();
                switch (a.text()) {
                    case ">", "#" -> {
                        if (!pw.contains(s)) {
                            pw.add(s);
                        }
                        nopass = false;
                    }
                    default -> pw.remove(s);
                }
                continue;
            }
            switch (a.text().toLowerCase(Locale.ROOT)) {
                case "on" -> enabled = true;
                case "off" -> enabled = false;
                case "nopass" -> {
                    pw.clear();
                    nopass = true;
                }
                case "resetpass" -> {
                    pw.clear();
                    nopass = false;
                }
                case "reset" -> {
                    pw.clear();
                    nopass = false;
                    enabled = false;
                }
                default -> { }
            }
        }
        return new RedisUser(start.name, enabled, nopass, pw, d.file(), d.line());
    }
}
