package de.tomaudit.collect.host;

import de.tomaudit.facts.Evidence;
import de.tomaudit.facts.FactSet;
import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.parse.apt.AptConfFile;
import de.tomaudit.parse.apt.AptConfOp;
import de.tomaudit.parse.apt.AptConfParser;
import de.tomaudit.parse.apt.AptConfProblem;
import de.tomaudit.parse.apt.AptConfig;
import de.tomaudit.target.DirEntry;
import de.tomaudit.target.FileStat;
import de.tomaudit.target.Target;
import de.tomaudit.target.TargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads the apt configuration the way apt does (every valid file of /etc/apt/apt.conf.d in
 * lexical order, then /etc/apt/apt.conf; last value wins, lists accumulate, {@code #clear}
 * erases) and records whether unattended-upgrades is switched on and which origins it takes.
 */
final class AptUnattendedSettings {

    static final String PARTS = "/etc/apt/apt.conf.d";
    static final String MAIN = "/etc/apt/apt.conf";
    static final String UPDATE_LISTS = "APT::Periodic::Update-Package-Lists";
    static final String UNATTENDED = "APT::Periodic::Unattended-Upgrade";
    /** apt reads parts whose names have only these characters and no extension or ".conf". */
    private static final Pattern PART_NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Pattern DISABLED = Pattern.compile("0*([smhd])?|false|no|off", Pattern.CASE_INSENSITIVE);
    private static final List<String> CONFIG_KEYS = List.of("apt.periodic_update_package_lists",
            "apt.periodic_unattended_upgrade", "apt.unattended_upgrades_enabled", "apt.origins_patterns",
            "apt.origins_include_security");

    private AptUnattendedSettings() { }

    static void collect(Target target, FactSet.Builder facts) {
        List<AptConfFile> files = new ArrayList<>();
        List<String> paths;
        try {
            paths = configFiles(target);
        } catch (TargetException e) {
            CONFIG_KEYS.forEach(k -> facts.error(k, "read", e.getMessage()));
            return;
        }
        for (String path : paths) {
            try {
                files.add(AptConfParser.parse(path, target.read(path).text()));
            } catch (TargetException e) {
                if (e.reason() != TargetException.Reason.NOT_FOUND) {
                    CONFIG_KEYS.forEach(k -> facts.error(k, "read", e.getMessage()));
                    return;
                }
            }
        }
        List<AptConfProblem> problems = files.stream().flatMap(f -> f.problems().stream()).toList();
        if (!problems.isEmpty()) {
            String msg = AuditTexts.get("evidence.host.apt.syntax-error", problems.get(0));
            CONFIG_KEYS.forEach(k -> facts.error(k, "parse", msg));
            return;
        }
        AptConfig config = AptConfig.of(files);
        Evidence listsEv = setting(config, UPDATE_LISTS);
        Evidence uuEv = setting(config, UNATTENDED);
        String lists = config.value(UPDATE_LISTS).map(AptConfOp::value).orElse("0");
        String uu = config.value(UNATTENDED).map(AptConfOp::value).orElse("0");
        facts.put("apt.periodic_update_package_lists", lists, listsEv);
        facts.put("apt.periodic_unattended_upgrade", uu, uuEv);
        facts.put("apt.unattended_upgrades_enabled", enabled(lists) && enabled(uu), listsEv, uuEv);

        List<AptConfOp> origins = new ArrayList<>(config.list("Unattended-Upgrade::Origins-Pattern"));
        origins.addAll(config.list("Unattended-Upgrade::Allowed-Origins"));
        List<Evidence> originEv = origins.stream().map(o -> Evidence.at(o.path(), o.line(), o.value())).toList();
        if (originEv.isEmpty()) {
            originEv = List.of(Evidence.byDefault("Unattended-Upgrade::Origins-Pattern", AuditTexts.get("evidence.host.none-configured")));
        }
        facts.put("apt.origins_patterns", origins.stream().map(AptConfOp::value).toList(), originEv);
        facts.put("apt.origins_include_security",
                origins.stream().anyMatch(o -> o.value().toLowerCase(Locale.ROOT).contains("security")), originEv);
    }

    private static Evidence setting(AptConfig config, String name) {
        return config.value(name).map(o -> Evidence.at(o.path(), o.line(), name + " \"" + o.value() + "\""))
                .orElseGet(() -> Evidence.byDefault(name, AuditTexts.get("evidence.host.apt.zero-unset")));
    }

    /** apt.systemd.daily runs a job when its interval is set and not zero ("always" also counts). */
    static boolean enabled(String value) {
        String v = value.strip();
        return !v.isEmpty() && !DISABLED.matcher(v).matches();
    }

    private static List<String> configFiles(Target target) throws TargetException {
        List<String> out = new ArrayList<>();
        try {
            for (DirEntry e : target.list(PARTS)) {
                String n = e.name();
                boolean valid = PART_NAME.matcher(n).matches() && (!n.contains(".") || n.endsWith(".conf"));
                if (valid && e.type() != FileStat.Type.DIRECTORY) {
                    out.add(PARTS + "/" + n);
                }
            }
        } catch (TargetException e) {
            if (e.reason() != TargetException.Reason.NOT_FOUND) {
                throw e;
            }
        }
        out.add(MAIN);
        return out;
    }
}
