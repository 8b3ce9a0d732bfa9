package de.tomaudit.parse.postgres;

import java.util.List;
import java.util.Map;

/**
 * One pg_hba.conf record. {@code address} is empty for {@code local}; it holds a CIDR, a
 * bare IP (then {@code mask} holds the netmask column), a host name, or one of the keywords
 * {@code all}, {@code samehost}, {@code samenet}. Option values that are secrets
 * ({@code ldapbindpasswd}, {@code radiussecrets}) are already redacted.
 */
public record HbaRecord(String type, List<String> databases, List<String> users, String address, String mask,
                        String method, Map<String, String> options, String file, int line) {

    public HbaRecord {
        databases = List.copyOf(databases);
        users = List.copyOf(users);
        options = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
    }

    public String where() {
        return file + ":" + line;
    }

    public boolean isLocalSocket() {
        return type.equals("local");
    }
}
