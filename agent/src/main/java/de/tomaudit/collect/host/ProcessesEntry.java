package de.tomaudit.collect.host;

import java.util.Map;

/** One running process as rules see it: {@code {user, comm, args}} (args already redacted). */
public record ProcessesEntry(String user, String comm, String args) {

    public Map<String, Object> toFactValue() {
        return Map.of("user", user, "comm", comm, "args", args);
    }
}
