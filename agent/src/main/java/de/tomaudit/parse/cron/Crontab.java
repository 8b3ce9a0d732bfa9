package de.tomaudit.parse.cron;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A parsed crontab: job lines and environment lines in file order, and rejected lines. */
public record Crontab(String path, List<CronEntry> entries, List<CronEnvVar> env, List<CronProblem> problems) {

    public Crontab {
        entries = List.copyOf(entries);
        env = List.copyOf(env);
        problems = List.copyOf(problems);
    }

    /** The environment a job line sees: every variable set above it (later lines win). */
    public Map<String, CronEnvVar> envFor(CronEntry entry) {
        Map<String, CronEnvVar> out = new LinkedHashMap<>();
        for (CronEnvVar v : env) {
            if (v.line() < entry.line()) {
                out.put(v.name(), v);
            }
        }
        return out;
    }
}
