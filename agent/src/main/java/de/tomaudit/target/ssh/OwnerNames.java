package de.tomaudit.target.ssh;

import java.util.HashMap;
import java.util.Map;

/** uid and gid to names, from the target's /etc/passwd and /etc/group (numbers where unknown). */
final class OwnerNames {
    private final Map<Integer, String> users;
    private final Map<Integer, String> groups;

    OwnerNames(String passwd, String group) {
        this.users = parse(passwd);
        this.groups = parse(group);
    }

    String user(int uid) {
        return users.getOrDefault(uid, Integer.toString(uid));
    }

    String group(int gid) {
        return groups.getOrDefault(gid, Integer.toString(gid));
    }

    private static Map<Integer, String> parse(String text) {
        Map<Integer, String> out = new HashMap<>();
        for (String line : text.split("\n")) {
            String[] f = line.split(":", -1);
            if (f.length >= 3 && !f[0].isEmpty() && !f[0].startsWith("#")) {
                try {
                    out.putIfAbsent(Integer.parseInt(f[2].trim()), f[0]);
                } catch (NumberFormatException e) {
                    // not an entry
                }
            }
        }
        return out;
    }
}
