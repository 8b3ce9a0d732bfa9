package de.tomaudit.collect.host;

import de.tomaudit.collect.Collector;
import de.tomaudit.collect.PlannedAccess;
import de.tomaudit.facts.Evidence;
import de.tomaudit.facts.FactSet;
import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.target.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * nginx: servers (listeners, TLS protocols, HSTS, redirect to https), the access logs it writes
 * and whether they hold full client IPs, and its log formats. Prefers the effective configuration
 * of {@code nginx -T}; falls back to /etc/nginx/nginx.conf and its includes.
 */
public final class NginxCollector implements Collector {
    static final String INSTALLED = "nginx.installed";
    static final String VERSION = "nginx.version";
    static final String SOURCE = "nginx.config_source";

    @Override
    public String id() {
        return "nginx";
    }

    @Override
    public Set<String> kinds() {
        return Set.of("host");
    }

    @Override
    public List<String> provides() {
        return List.of("nginx");
    }

    @Override
    public List<PlannedAccess> plan() {
        List<PlannedAccess> out = new ArrayList<>(NginxConfigReader.plan());
        out.add(PlannedAccess.read(NginxPackageVersion.DPKG_STATUS, "installed nginx version (default ssl_protocols)"));
        return out;
    }

    @Override
    public void collect(Target target, FactSet.Builder facts) {
        NginxConfigReader.Result read = NginxConfigReader.read(target);
        if (!read.installed()) {
            facts.put(INSTALLED, false, Evidence.file(NginxConfigReader.BINARY, AuditTexts.get("evidence.host.not-present")),
                    Evidence.file(NginxConfigReader.MAIN_CONF, AuditTexts.get("evidence.host.not-present")));
            facts.notApplicable("nginx", AuditTexts.get("evidence.host.is-not-installed", "nginx"));
            return;
        }
        facts.put(INSTALLED, true, installedEvidence(read));
        Optional<String> version = NginxPackageVersion.read(target);
        if (version.isPresent()) {
            facts.put(VERSION, version.get(), Evidence.file(NginxPackageVersion.DPKG_STATUS, "nginx " + version.get()));
        } else {
            facts.notApplicable(VERSION, AuditTexts.get("evidence.host.nginx.no-package", NginxPackageVersion.DPKG_STATUS));
        }
        List<Evidence> via = new ArrayList<>();
        via.add(new Evidence(read.via(), AuditTexts.get("evidence.host.config-read")));
        read.notes().forEach(n -> via.add(new Evidence(AuditTexts.get("evidence.host.nginx.t-not-used"), n)));
        facts.put(SOURCE, read.via(), via);
        if (read.config().isEmpty()) {
            String reason = AuditTexts.get("evidence.host.nginx.no-main-conf", NginxConfigReader.MAIN_CONF)
                    + (read.notes().isEmpty() ? "" : AuditTexts.get("evidence.host.and", String.join("; ", read.notes())));
            facts.error(NginxFacts.SERVERS, "read", reason);
            facts.error(NginxFacts.ACCESS_LOGS, "read", reason);
            facts.error(NginxFacts.LOG_FORMATS, "read", reason);
            return;
        }
        NginxFacts.put(read.config().get(), version, facts);
    }

    private static List<Evidence> installedEvidence(NginxConfigReader.Result read) {
        List<Evidence> out = new ArrayList<>();
        if (read.via().startsWith("command:")) {
            out.add(Evidence.command(NginxConfigReader.DUMP.line(), "ran"));
        } else if (read.binaryFound()) {
            out.add(Evidence.file(NginxConfigReader.BINARY, AuditTexts.get("evidence.host.present")));
        }
        if (read.configFileFound()) {
            out.add(Evidence.file(read.config().map(c -> c.mainFile()).orElse(NginxConfigReader.MAIN_CONF), AuditTexts.get("evidence.host.present")));
        }
        return out;
    }
}
