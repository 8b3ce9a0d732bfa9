package de.tomaudit.collect.host;

import de.tomaudit.collect.PlannedAccess;
import de.tomaudit.collect.ejabberd.EjabberdCollector;
import de.tomaudit.facts.Evidence;
import de.tomaudit.facts.Fact;
import de.tomaudit.facts.FactSet;
import de.tomaudit.facts.Unavailable;
import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.target.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * ejabberd's own log files: they hold client IP addresses unless {@code hide_sensitive_log_data}
 * is true. Read through the ejabberd collector itself, so the log path and the setting are the
 * ones the ejabberd pack reports (ejabberdctl.cfg's LOGS_DIR or EJABBERD_LOG_PATH, macros, includes).
 */
final class EjabberdIpLogSource implements LogrotateIpLogSource {

    @Override
    public String product() {
        return "ejabberd";
    }

    @Override
    public List<PlannedAccess> plan() {
        return new EjabberdCollector().plan();
    }

    @Override
    public Result logs(Target target) {
        FactSet.Builder b = FactSet.builder();
        new EjabberdCollector().collect(target, b);
        FactSet f = b.build();
        if (!Boolean.TRUE.equals(f.get("ejabberd.installed").map(Fact::value).orElse(false))) {
            return Result.of(List.of());
        }
        Optional<Fact> hidden = f.get("ejabberd.hide_sensitive_log_data");
        Optional<Fact> files = f.get("ejabberd.log_files");
        if (hidden.isEmpty() || files.isEmpty()) {
            String key = hidden.isEmpty() ? "ejabberd.hide_sensitive_log_data" : "ejabberd.log_files";
            return Result.failed(AuditTexts.get("evidence.host.ejabberd-log.unreadable",
                    f.whyMissing(key).map(Unavailable::reason).orElseGet(() -> AuditTexts.get("evidence.host.unknown", key))));
        }
        if (Boolean.TRUE.equals(hidden.get().value())) {
            return Result.of(List.of());
        }
        String source = files.get().evidence().stream().map(Evidence::source).findFirst().orElse("ejabberd.log_files");
        Optional<OwnRotation> own = ownRotation(f);
        List<IpLog> logs = new ArrayList<>();
        if (files.get().value() instanceof List<?> paths) {
            for (Object p : paths) {
                logs.add(new IpLog(String.valueOf(p), AuditTexts.get("evidence.host.ejabberd-log.ips"), source, own));
            }
        }
        return Result.of(logs);
    }

    /**
     * ejabberd's own rotation of its logs, as the ejabberd pack judges it (ejabberd.log-rotation): by
     * size when log_rotate_size is not infinity and log_rotate_count above 0; none otherwise.
     */
    static Optional<OwnRotation> ownRotation(FactSet f) {
        Optional<Fact> size = f.get("ejabberd.log_rotate_size");
        Optional<Fact> count = f.get("ejabberd.log_rotate_count");
        if (size.isEmpty() || count.isEmpty() || "infinity".equals(size.get().value())
                || !(count.get().value() instanceof Number n) || n.longValue() <= 0) {
            return Optional.empty();
        }
        String where = size.get().evidence().stream().map(Evidence::source).findFirst().orElse("ejabberd.log_rotate_size");
        return Optional.of(new OwnRotation(AuditTexts.get("retention.ejabberd.by-size", String.valueOf(size.get().value()),
                n.longValue()), where));
    }
}
