package de.tomaudit.parse.apt;

import java.util.List;

/** What {@code apt-get -s dist-upgrade} would do: the packages it would install or upgrade. */
public record AptSimulation(List<PendingUpdate> updates, List<AptConfProblem> problems) {

    public AptSimulation {
        updates = List.copyOf(updates);
        problems = List.copyOf(problems);
    }

    public List<PendingUpdate> security() {
        return updates.stream().filter(PendingUpdate::security).toList();
    }
}
