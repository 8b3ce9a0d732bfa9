package de.tomaudit.collect.host;

import de.tomaudit.collect.PlannedAccess;
import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.parse.nginx.NginxConfig;
import de.tomaudit.parse.nginx.NginxProblem;
import de.tomaudit.target.Target;
import java.util.List;

/** nginx access logs whose format writes a full client address. */
final class NginxIpLogSource implements LogrotateIpLogSource {

    @Override
    public String product() {
        return "nginx";
    }

    @Override
    public List<PlannedAccess> plan() {
        return NginxConfigReader.plan();
    }

    @Override
    public Result logs(Target target) {
        NginxConfigReader.Result read = NginxConfigReader.read(target);
        if (!read.installed()) {
            return Result.of(List.of());
        }
        if (read.config().isEmpty()) {
            return Result.failed(AuditTexts.get("evidence.host.nginx.installed-no-conf", NginxConfigReader.MAIN_CONF));
        }
        NginxConfig config = read.config().get();
        List<NginxProblem> fatal = config.fatalProblems();
        if (!fatal.isEmpty()) {
            return Result.failed(AuditTexts.get("evidence.host.nginx.unreadable", fatal.get(0)));
        }
        return Result.of(NginxAccessLogs.of(config, NginxLogFormats.of(config.http())).stream()
                .filter(NginxAccessLogs.AccessLog::logsFullIp)
                .map(l -> new IpLog(l.path(), AuditTexts.get("evidence.host.nginx.access-log"), l.source()))
                .toList());
    }
}
