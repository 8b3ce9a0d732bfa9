package de.tomaudit.parse.redis;

import java.util.List;
import java.util.Optional;

/** redis.conf with its includes: every directive in reading order, the files read, the problems. */
public record RedisConfig(List<RedisDirective> directives, List<String> files, List<RedisProblem> problems) {

    public RedisConfig {
        directives = List.copyOf(directives);
        files = List.copyOf(files);
        problems = List.copyOf(problems);
    }

    /** The last directive of that name: Redis keeps the last value read. */
    public Optional<RedisDirective> last(String name) {
        RedisDirective found = null;
        for (RedisDirective d : directives) {
            if (d.name().equals(name)) {
                found = d;
            }
        }
        return Optional.ofNullable(found);
    }

    public List<RedisDirective> all(String name) {
        return directives.stream().filter(d -> d.name().equals(name)).toList();
    }
}
