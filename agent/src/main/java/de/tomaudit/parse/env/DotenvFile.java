package de.tomaudit.parse.env;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed dotenv file: the effective value of every key (the last assignment wins, as in
 * dotenv's hash), every assignment in file order (to show duplicates), and what could not be read
 * as an assignment (with its line).
 */
public record DotenvFile(String path, Map<String, DotenvEntry> effective, List<DotenvEntry> assignments,
                         List<DotenvProblem> problems) {

    public DotenvFile {
        effective = Map.copyOf(effective);
        assignments = List.copyOf(assignments);
        problems = List.copyOf(problems);
    }

    public Optional<DotenvEntry> get(String key) {
        return Optional.ofNullable(effective.get(key));
    }

    /** The plain text of a key, empty when unset (secrets give empty too: use {@link #get}). */
    public Optional<String> text(String key) {
        return get(key).filter(e -> !e.isSecret()).map(DotenvEntry::text);
    }

    /** Lines where a key was assigned more than once, earlier ones overridden. */
    public List<DotenvEntry> overridden() {
        return assignments.stream().filter(a -> effective.get(a.key()) != a).toList();
    }

    /** {@code path:line} of a key's effective assignment. */
    public String source(String key) {
        DotenvEntry e = effective.get(key);
        return e == null ? path : path + ":" + e.line();
    }
}
