package de.tomaudit.collect.host;

import de.tomaudit.collect.Collector;
import de.tomaudit.collect.PlannedAccess;
import de.tomaudit.collect.Reads;
import de.tomaudit.facts.Evidence;
import de.tomaudit.facts.FactSet;
import de.tomaudit.target.FileContent;
import de.tomaudit.target.Target;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Operating system and host name: {@code host.os_id}, {@code host.os_version}, {@code host.hostname}. */
public final class HostInfoCollector implements Collector {
    private static final String OS_RELEASE = "/etc/os-release";

    @Override public String id() { return "host-info"; }
    @Override public Set<String> kinds() { return Set.of("host"); }
    @Override public List<String> provides() { return List.of("host"); }

    @Override
    public List<PlannedAccess> plan() {
        return List.of(PlannedAccess.read(OS_RELEASE, "operating system and version"),
                PlannedAccess.read("/usr/lib/os-release", "operating system (fallback)"),
                PlannedAccess.read("/etc/hostname", "host name"));
    }

    @Override
    public void collect(Target target, FactSet.Builder facts) {
        Optional<FileContent> os = Reads.optionalFile(target, OS_RELEASE, "host.os_id", facts);
        if (os.isEmpty()) {
            os = Reads.file(target, "/usr/lib/os-release", "host.os_id", facts);
        }
        os.ifPresent(f -> {
            List<String> lines = f.lines();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                int eq = line.indexOf('=');
                if (eq <= 0 || line.startsWith("#")) {
                    continue;
                }
                String key = line.substring(0, eq);
                String value = unquote(line.substring(eq + 1));
                switch (key) {
                    case "ID" -> facts.put("host.os_id", value, Evidence.at(f.path(), i + 1, value));
                    case "VERSION_ID" -> facts.put("host.os_version", value, Evidence.at(f.path(), i + 1, value));
                    case "PRETTY_NAME" -> facts.put("host.os_name", value, Evidence.at(f.path(), i + 1, value));
                    default -> { }
                }
            }
        });
        Reads.optionalFile(target, "/etc/hostname", "host.hostname", facts).ifPresent(f -> {
            String name = f.text().strip();
            if (!name.isEmpty()) {
                facts.put("host.hostname", name, Evidence.at(f.path(), 1, name));
            }
        });
    }

    private static String unquote(String v) {
        String s = v.strip();
        if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }
}
