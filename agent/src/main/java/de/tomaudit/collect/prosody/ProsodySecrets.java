package de.tomaudit.collect.prosody;

import de.tomaudit.facts.Evidence;
import de.tomaudit.facts.FactSet;
import de.tomaudit.facts.Secret;
import de.tomaudit.parse.lua.ConfigOption;
import de.tomaudit.parse.lua.ConfigSection;
import de.tomaudit.parse.lua.ConfigTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Secrets in the configuration (SQL and LDAP passwords, component and TURN secrets, key
 * passphrases …): reported only as {@link Secret}s, so their presence and changes are visible
 * and their text never is. Options and table fields whose name says secret, password,
 * passphrase or token are taken.
 */
final class ProsodySecrets {
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(secret|password|passphrase|passwd|token).*");

    private ProsodySecrets() { }

    static void put(EffectiveConfig c, FactSet.Builder facts) {
        List<Map<String, Object>> values = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        for (ConfigSection s : c.config().sections()) {
            for (ConfigOption o : s.options().values()) {
                collect(s.name(), o.name(), List.of(), o.value(), o, values, evidence, 0);
            }
        }
        facts.put("prosody.secrets", values, evidence);
    }

    private static void collect(String host, String name, List<String> path, Object value, ConfigOption o,
                                List<Map<String, Object>> values, List<Evidence> evidence, int depth) {
        if (depth > 4) {
            return;
        }
        String leaf = name.substring(name.lastIndexOf('.') + 1);
        if ((value instanceof String || value instanceof Number) && SECRET_NAME.matcher(leaf).matches()) {
            Secret secret = Secret.of(String.valueOf(value));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("host", host);
            m.put("option", name);
            m.put("value", secret);
            m.put("source", o.source());
            values.add(m);
            evidence.add(OptionEvidence.field(o, host + ": " + name + " = " + secret, path.toArray(String[]::new)));
        } else if (value instanceof ConfigTable t) {
            t.fields().forEach((k, v) -> collect(host, name + "." + k, child(path, k), v, o, values, evidence, depth + 1));
            for (int i = 0; i < t.list().size(); i++) {
                collect(host, name + "." + (i + 1), child(path, "#" + (i + 1)), t.list().get(i), o, values, evidence, depth + 1);
            }
        }
    }

    private static List<String> child(List<String> path, String key) {
        List<String> out = new ArrayList<>(path);
        out.add(key);
        return out;
    }
}
