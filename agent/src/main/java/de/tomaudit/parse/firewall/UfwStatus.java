package de.tomaudit.parse.firewall;

import java.util.List;
import java.util.Optional;

/**
 * {@code ufw status verbose}: whether ufw is active, its default incoming policy
 * ({@code deny}, {@code reject}, {@code allow}) and its rules as printed.
 */
public record UfwStatus(boolean active, Optional<String> incomingPolicy, List<Rule> rules, List<FwProblem> problems) {

    public UfwStatus {
        rules = List.copyOf(rules);
        problems = List.copyOf(problems);
    }

    /**
     * One rule line: {@code to} ({@code 22/tcp}, {@code 443}, {@code OpenSSH}, {@code 10.0.0.1 80/tcp}),
     * {@code action} ({@code ALLOW}, {@code DENY}, {@code REJECT}, {@code LIMIT}), {@code direction}
     * ({@code IN}, {@code OUT}, {@code FWD}), {@code from} ({@code Anywhere} or an address), IPv6 or not.
     */
    public record Rule(String to, String action, String direction, String from, boolean v6, String origin) { }
}
