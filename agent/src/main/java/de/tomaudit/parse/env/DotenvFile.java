package de.tomaudit.parse.env;

import de.tomaudit.i18n.AuditTexts;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed dotenv file: the effective value of every key (the last assignment wins, as in
 * dotenv's hash), every assignment in file order (to show duplicates), and what could not be read
 * as an assignment (with its line).
 */
public record DotenvFile(String path, Map<String, DotenvEntry> effective, List<DotenvEntry> assignments,
                         List<DotenvProblem> problems, Map<String, String> processEnvironment) {

    public DotenvFile {
        effective = Map.copyOf(effective);
        assignments = List.copyOf(assignments);
        problems = List.copyOf(problems);
        processEnvironment = Map.copyOf(processEnvironment);
    }

    public DotenvFile(String path, Map<String, DotenvEntry> effective, List<DotenvEntry> assignments,
                      List<DotenvProblem> problems) {
        this(path, effective, assignments, problems, Map.of());
    }

    /**
     * This file as a process sees it whose environment already holds {@code key} (systemd's
     * {@code Environment=}, say): dotenv never overwrites a variable the process has, so that value wins.
     * {@code origin} ({@code unit:line}) becomes the key's source; when the file assigns the key too, a
     * problem at that line says which value the process really uses.
     */
    public DotenvFile withProcessEnvironment(String key, Object value, String origin) {
        Map<String, DotenvEntry> e = new java.util.HashMap<>(effective);
        DotenvEntry before = e.put(key, new DotenvEntry(key, value, 0, false, DotenvEntry.Quote.NONE));
        Map<String, String> env = new java.util.HashMap<>(processEnvironment);
        env.put(key, origin);
        List<DotenvProblem> p = new java.util.ArrayList<>(problems);
        if (before != null && !processEnvironment.containsKey(key)) {
            p.add(new DotenvProblem(before.line(), AuditTexts.get("parse.dotenv.overridden", key, String.valueOf(origin))));
        }
        return new DotenvFile(path, e, assignments, p, env);
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
        return assignments.stream().filter(a -> effective.get(a.key()) != a && !processEnvironment.containsKey(a.key())).toList();
    }

    /** {@code path:line} of a key's effective assignment ({@code unit:line} where the process environment sets it). */
    public String source(String key) {
        if (processEnvironment.containsKey(key)) {
            return processEnvironment.get(key);
        }
        DotenvEntry e = effective.get(key);
        return e == null ? path : path + ":" + e.line();
    }
}
