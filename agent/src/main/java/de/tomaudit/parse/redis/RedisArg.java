package de.tomaudit.parse.redis;

import de.tomaudit.facts.Secret;
import java.util.Optional;

/**
 * One argument of a Redis directive. Passwords ({@code requirepass}, {@code masterauth}, the
 * {@code >pass}, {@code <pass}, {@code #hash}, {@code !hash} rules of {@code user} lines) are a
 * {@link Secret} from the moment they are read: {@code text} then holds only the rule's
 * operator character (or nothing), never the password.
 */
public record RedisArg(String text, Optional<Secret> secret) {

    public static RedisArg plain(String text) {
        return new RedisArg(text, Optional.empty());
    }

    public static RedisArg secret(String operator, String raw) {
        return new RedisArg(operator, Optional.of(Secret.of(raw)));
    }

    public boolean isSecret() {
        return secret.isPresent();
    }

    @Override
    public String toString() {
        return secret.map(s -> text + s).orElse(text);
    }
}
