package de.tomaudit.collect.host;

import java.util.Set;

/**
 * A file known to hold secrets, why, and which groups may read it besides the owner (the group
 * of the service that needs it; root always).
 */
record SecretFileCandidate(String path, String why, Set<String> allowedGroups) {

    SecretFileCandidate {
        allowedGroups = Set.copyOf(allowedGroups);
    }
}
