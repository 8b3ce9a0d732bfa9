package de.tomaudit.fleet;

import de.tomaudit.audit.TargetSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Targets of one run that are the same machine under different names (an inventory that lists a
 * host twice, or an inventory and the command line). Each is still audited under each name, as
 * asked; this says so, once per machine.
 */
public final class SameTargets {

    private SameTargets() { }

    /** One warning line per machine named more than once, in the order first named. */
    public static List<String> warnings(List<FleetTarget> targets) {
        return warnings(targets, de.tomaudit.i18n.Texts.of("en"));
    }

    /** The warnings in the language of {@code texts}. */
    public static List<String> warnings(List<FleetTarget> targets, de.tomaudit.i18n.Texts texts) {
        Map<String, List<FleetTarget>> byMachine = new LinkedHashMap<>();
        for (FleetTarget t : targets) {
            byMachine.computeIfAbsent(key(t.spec()), k -> new ArrayList<>()).add(t);
        }
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, List<FleetTarget>> e : byMachine.entrySet()) {
            List<FleetTarget> same = e.getValue();
            if (same.size() < 2) {
                continue;
            }
            List<String> names = same.stream().map(t -> t.name() + " (" + t.source() + ")").toList();
            out.add(texts.get("fleet.same-target", e.getKey(), same.size(), String.join(", ", names)));
        }
        return out;
    }

    /** The machine a spec reaches: type, user, host and port for SSH; the real path for dir: and bundle:. */
    static String key(TargetSpec spec) {
        return switch (spec.type()) {
            case LOCAL -> "local";
            case DIR -> "dir:" + Path.of(spec.path()).toAbsolutePath().normalize();
            case BUNDLE -> "bundle:" + Path.of(spec.path()).toAbsolutePath().normalize();
            case SSH -> "ssh://" + spec.user().map(u -> u + "@").orElse("") + host(spec.host()) + ":" + spec.port();
        };
    }

    private static String host(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.contains(":") ? "[" + h + "]" : h;
    }
}
