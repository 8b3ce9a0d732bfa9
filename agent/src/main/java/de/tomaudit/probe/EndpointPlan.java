package de.tomaudit.probe;

import java.util.List;

/**
 * The endpoints a probe phase will contact, and those it found but will not contact, with the reason
 * (bound to another address, a Unix socket, too many names on one port).
 */
public record EndpointPlan(List<Endpoint> endpoints, List<Skipped> skipped) {

    public record Skipped(String what, String source, String reason) { }

    public EndpointPlan {
        endpoints = List.copyOf(endpoints);
        skipped = List.copyOf(skipped);
    }
}
