package de.tomaudit.collect.host;

import de.tomaudit.collect.Collector;
import de.tomaudit.collect.PlannedAccess;
import de.tomaudit.facts.FactSet;
import java.util.List;
import java.util.Set;

/**
 * Fact {@code processes.list}: every running process as {@code {user, comm, args}}, with
 * secrets on command lines redacted. Other collectors' rules look for daemons in it.
 */
public final class ProcessesCollector implements Collector {

    public static final String KEY = "processes.list";

    @Override public String id() { return "processes"; }
    @Override public Set<String> kinds() { return Set.of("host"); }
    @Override public List<String> provides() { return List.of("processes"); }

    @Override
    public List<PlannedAccess> plan() {
        return List.of(
                PlannedAccess.run(ProcessesReader.PS),
                PlannedAccess.read("/etc/passwd", "full user names where ps cut them"),
                PlannedAccess.list("/proc", "process ids, only where ps is not installed"),
                PlannedAccess.read("/proc/*/status", "process name and uid, only where ps is not installed"),
                PlannedAccess.read("/proc/*/cmdline", "process arguments, only where ps is not installed"));
    }

    @Override
    public void collect(de.tomaudit.target.Target target, FactSet.Builder facts) {
        ProcessesReader.Table table = ProcessesReader.read(target, KEY);
        if (table.failure().isPresent()) {
            facts.unavailable(table.failure().get());
            return;
        }
        facts.put(KEY, table.entries().stream().map(ProcessesEntry::toFactValue).toList(), table.evidence());
    }
}
