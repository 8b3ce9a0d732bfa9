package de.tomaudit.parse.redis;

import java.util.List;
import java.util.stream.Collectors;

/** One line of redis.conf or of an ACL file: the directive (lower case) and its arguments. */
public record RedisDirective(String name, List<RedisArg> args, String file, int line) {

    public RedisDirective {
        args = List.copyOf(args);
    }

    public String where() {
        return file + ":" + line;
    }

    /** The first argument's text ("" when there is none or it is a secret). */
    public String first() {
        return args.isEmpty() || args.get(0).isSecret() ? "" : args.get(0).text();
    }

    /** The arguments as display text, secrets redacted. */
    public String display() {
        return args.stream().map(RedisArg::toString).collect(Collectors.joining(" "));
    }
}
