package de.tomaudit.collect.host;

import de.tomaudit.parse.apt.DebControlParagraph;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The packages dpkg's status database lists as installed, by name. */
record AptInstalledPackages(String path, Map<String, DebControlParagraph> byName) {

    static final String STATUS = "/var/lib/dpkg/status";

    AptInstalledPackages {
        byName = Map.copyOf(byName);
    }

    static AptInstalledPackages of(String path, List<DebControlParagraph> paragraphs) {
        Map<String, DebControlParagraph> out = new HashMap<>();
        for (DebControlParagraph p : paragraphs) {
            Optional<String> name = p.get("Package");
            String[] status = p.get("Status").orElse("").split("\\s+");
            if (name.isPresent() && status.length == 3 && status[2].equals("installed")) {
                out.put(name.get(), p);
            }
        }
        return new AptInstalledPackages(path, out);
    }

    Optional<DebControlParagraph> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }
}
