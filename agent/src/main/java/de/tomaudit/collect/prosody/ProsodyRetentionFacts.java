package de.tomaudit.collect.prosody;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.facts.Evidence;
import de.tomaudit.facts.FactSet;
import de.tomaudit.facts.Retention;
import de.tomaudit.parse.lua.ConfigOption;
import de.tomaudit.parse.lua.ConfigSection;
import de.tomaudit.parse.lua.ConfigTable;
import de.tomaudit.target.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How long Prosody keeps message archives (mod_mam), group chat archives (mod_muc_mam) and
 * uploads (mod_http_file_share; the community mod_http_upload), per host, with the default of
 * the release line where nothing is set; each also goes into the retention table. For uploads the
 * store on disk is inspected: the oldest upload compared with the expiry.
 */
final class ProsodyRetentionFacts {
    static final String DEFAULT_DATA_PATH = "/var/lib/prosody";
    /** Storage drivers whose archive store can delete (so expiry works); none and xep0227 keep no archive. */
    private static final Set<String> DELETING_STORES = Set.of("internal", "sql", "memory");
    private static final Set<String> NON_DELETING_STORES = Set.of("none", "xep0227", "null");

    private final EffectiveConfig c;
    private final String line;

    ProsodyRetentionFacts(EffectiveConfig c) {
        this.c = c;
        this.line = "Prosody " + c.version().line();
    }

    void put(Target target, UploadStoreInspector inspector, FactSet.Builder facts) {
        putMam(facts);
        putMucMam(facts);
        putFileShare(target, inspector, facts);
        putHttpUpload(target, inspector, facts);
    }

    private void putMam(FactSet.Builder facts) {
        List<Map<String, Object>> values = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        for (ConfigSection host : c.virtualHosts()) {
            String h = host.name();
            if (!c.modules(h).contains("mam")) {
                continue;
            }
            Setting expires = Setting.resolve(c, h, List.of("archive_expires_after"), "1w",
                    "archive_expires_after (" + line + ": \"1w\")");
            Expiry e = ProsodyPeriods.archive(expires.value(), c.version());
            Setting policy = Setting.resolve(c, h, List.of("default_archive_policy"), Boolean.TRUE,
                    AuditTexts.get("evidence.prosody.archive-everything", line));
            String policyText = policyText(policy.value());
            String storeName = String.valueOf(Setting.resolve(c, h, List.of("archive_store"), "archive",
                    "archive_store").value());
            String backend = backend(h, storeName);
            Map<String, Object> m = expiryFields(h, e, expires.source(), expires.isDefault());
            m.put("policy", policyText);
            m.put("policy_source", policy.source());
            m.put("policy_default", policy.isDefault());
            m.put("store", backend);
            m.put("store_deletes", DELETING_STORES.contains(backend) ? "yes" : NON_DELETING_STORES.contains(backend) ? "no" : "unknown");
            values.add(m);
            evidence.add(c.modulesEvidence(h, "mam"));
            evidence.add(expires.evidence());
            evidence.add(new Evidence(AuditTexts.get("evidence.source.effective", h), AuditTexts.get("evidence.prosody.archive-expiry", e.shown())
                    + (e.note().isEmpty() || e.kind() == Expiry.Kind.INVALID ? "" : " (" + e.note() + ")")
                    + AuditTexts.get("evidence.prosody.storage", backend)));
            evidence.add(policy.evidence());
            facts.retention(retention(AuditTexts.get("retention.mam", h), e, expires, !"no".equals(m.get("store_deletes"))));
        }
        facts.put("prosody.mam", values, evidence);
    }

    /** The fields every retention entry starts with: host, the expiry as read and in seconds, where it was set. */
    private static Map<String, Object> expiryFields(String host, Expiry e, String source, boolean isDefault) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("host", host);
        m.put("expires", e.shown()); // rendered by the why-lines only; rules compare expires_valid and expires_seconds
        m.put("expires_seconds", e.factSeconds());
        m.put("expires_valid", e.kind() != Expiry.Kind.INVALID);
        m.put("source", source);
        m.put("default", isDefault);
        return m;
    }

    private static String policyText(Object v) {
        if (v instanceof Boolean b) {
            return b.toString();
        }
        String s = String.valueOf(v).toLowerCase(Locale.ROOT);
        return EffectiveConfig.bool(s).map(Object::toString).orElse(s);
    }

    /** The storage driver of a store: storage = "sql" or storage = { archive = "sql" }, else default_storage, else internal. */
    private String backend(String host, String store) {
        Optional<ConfigOption> storage = c.option(host, "storage");
        if (storage.isPresent()) {
            Object v = storage.get().value();
            if (v instanceof String s) {
                return s;
            }
            if (v instanceof ConfigTable t && t.field(store).isPresent()) {
                return String.valueOf(t.field(store).get());
            }
        }
        return c.option(host, "default_storage").map(o -> String.valueOf(o.value())).orElse("internal");
    }

    private void putMucMam(FactSet.Builder facts) {
        List<Map<String, Object>> values = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        for (ConfigSection host : c.components()) {
            String h = host.name();
            if (!c.modules(h).contains("muc_mam")) {
                continue;
            }
            Setting expires = Setting.resolve(c, h, List.of("muc_log_expires_after"), "1w",
                    "muc_log_expires_after (" + line + ": \"1w\")");
            Expiry e = ProsodyPeriods.archive(expires.value(), c.version());
            Setting byDefault = Setting.bool(c, h, List.of("muc_log_by_default"), true, "muc_log_by_default (true)");
            Setting allRooms = Setting.bool(c, h, List.of("muc_log_all_rooms"), false, "muc_log_all_rooms (false)");
            Map<String, Object> m = expiryFields(h, e, expires.source(), expires.isDefault());
            m.put("log_by_default", byDefault.value());
            m.put("log_all_rooms", allRooms.value());
            values.add(m);
            evidence.add(c.modulesEvidence(h, "muc_mam"));
            evidence.add(expires.evidence());
            evidence.add(byDefault.evidence());
            evidence.add(allRooms.evidence());
            facts.retention(retention(AuditTexts.get("retention.muc-mam", h), e, expires, true));
        }
        facts.put("prosody.muc_mam", values, evidence);
    }

    private void putFileShare(Target target, UploadStoreInspector inspector, FactSet.Builder facts) {
        List<Map<String, Object>> values = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        for (ConfigSection host : c.enabledHosts()) {
            String h = host.name();
            if (!c.modules(h).contains("http_file_share")) {
                continue;
            }
            Setting expires = Setting.resolve(c, h, List.of("http_file_share_expires_after"),
                    c.version() == ProsodyVersion.V13 ? "1w" : 7L * 86_400,
                    "http_file_share_expires_after (" + line + ": " + (c.version() == ProsodyVersion.V13
                            ? "\"1w\")" : "604800 seconds)"));
            Expiry e = ProsodyPeriods.fileShare(expires.value(), c.version());
            Optional<ConfigOption> baseUrl = c.option(h, "http_file_share_base_url");
            boolean pruned = e.kind() == Expiry.Kind.AFTER && baseUrl.isEmpty();
            String store = dataPath() + "/" + encodeHost(h) + "/http_file_share";
            UploadStoreInspector.Result r = inspector.inspect(target, store, false);
            Optional<Duration> expiry = e.kind() == Expiry.Kind.AFTER ? Optional.of(Duration.ofSeconds(e.seconds())) : Optional.empty();
            Map<String, Object> m = expiryFields(h, e, expires.source(), expires.isDefault());
            m.put("base_url", baseUrl.isPresent());
            m.put("pruned", pruned);
            putStore(m, store, r, pruned ? expiry : Optional.empty());
            values.add(m);
            evidence.add(c.modulesEvidence(h, "http_file_share"));
            evidence.add(expires.evidence());
            baseUrl.ifPresent(o -> evidence.add(OptionEvidence.of(o,
                    AuditTexts.get("evidence.prosody.base-url", h))));
            evidence.add(storeEvidence(store, r, m));
            Retention ret = pruned ? Retention.of(AuditTexts.get("retention.prosody.uploads", "http_file_share", h),
                    Duration.ofSeconds(e.seconds()), expires.source(), expires.isDefault())
                    : Retention.forever(AuditTexts.get("retention.prosody.uploads", "http_file_share", h), baseUrl.map(ConfigOption::source)
                    .orElse(expires.source()), expires.isDefault());
            Optional<Retention.Verified> v = r.verified(pruned ? expiry : Optional.empty(), store);
            facts.retention(v.map(ret::withVerified).orElse(ret));
        }
        facts.put("prosody.http_file_share", values, evidence);
    }

    /** Community mod_http_upload: http_upload_expire_after has no default (kept forever) and expiry is lazy. */
    private void putHttpUpload(Target target, UploadStoreInspector inspector, FactSet.Builder facts) {
        List<Map<String, Object>> values = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        for (ConfigSection host : c.enabledHosts()) {
            String h = host.name();
            if (!c.modules(h).contains("http_upload")) {
                continue;
            }
            Optional<ConfigOption> expire = c.option(h, "http_upload_expire_after");
            Expiry e = expire.map(o -> o.value() instanceof Number n ? Expiry.after(n.longValue())
                    : Expiry.invalid(AuditTexts.get("parse.prosody.period.not-a-number"))).orElse(Expiry.never(AuditTexts.get("parse.prosody.period.unset", "http_upload_expire_after")));
            String store = c.option(h, "http_upload_path").map(o -> String.valueOf(o.value()))
                    .orElse(dataPath() + "/http_upload");
            UploadStoreInspector.Result r = inspector.inspect(target, store, true);
            Optional<Duration> expiry = e.kind() == Expiry.Kind.AFTER ? Optional.of(Duration.ofSeconds(e.seconds())) : Optional.empty();
            Map<String, Object> m = expiryFields(h, e,
                    expire.map(ConfigOption::source).orElseGet(() -> "default: " + AuditTexts.get("evidence.prosody.upload-expire-default")), expire.isEmpty());
            putStore(m, store, r, expiry);
            values.add(m);
            evidence.add(c.modulesEvidence(h, "http_upload"));
            evidence.add(expire.map(o -> OptionEvidence.of(o, h + ": http_upload_expire_after = "
                    + EffectiveConfig.display(o.value()))).orElseGet(() -> Evidence.byDefault("http_upload_expire_after",
                    AuditTexts.get("evidence.prosody.upload-expire-unset", h))));
            evidence.add(storeEvidence(store, r, m));
            Retention ret = e.kind() == Expiry.Kind.AFTER
                    ? Retention.of(AuditTexts.get("retention.prosody.uploads", "mod_http_upload", h), Duration.ofSeconds(e.seconds()),
                    expire.get().source(), false)
                    : Retention.forever(AuditTexts.get("retention.prosody.uploads", "mod_http_upload", h),
                    expire.map(ConfigOption::source).orElse(c.config().mainFile()), expire.isEmpty());
            Optional<Retention.Verified> v = r.verified(expiry, store);
            facts.retention(v.map(ret::withVerified).orElse(ret));
        }
        facts.put("prosody.http_upload", values, evidence);
    }

    private static void putStore(Map<String, Object> m, String store, UploadStoreInspector.Result r, Optional<Duration> expiry) {
        m.put("store", store);
        m.put("files", (long) r.items());
        m.put("oldest_age_seconds", r.oldestAge().map(Duration::toSeconds).orElse(-1L));
        m.put("oldest_file", r.oldestPath().orElse(""));
        String verified = switch (r.state()) {
            case EMPTY -> "empty";
            case MISSING -> "missing";
            case UNREADABLE -> "unreadable";
            case INSPECTED -> r.holds(expiry).map(h -> h ? "holds" : "exceeds").orElse("not-expiring");
        };
        m.put("verified", verified);
    }

    private static Evidence storeEvidence(String store, UploadStoreInspector.Result r, Map<String, Object> m) {
        return Evidence.file(r.oldestPath().orElse(store), AuditTexts.get("evidence.prosody.store", String.valueOf(m.get("verified")), r.detail()));
    }

    private Retention retention(String subject, Expiry e, Setting source, boolean deletes) {
        if (e.kind() == Expiry.Kind.AFTER && deletes) {
            return Retention.of(subject, Duration.ofSeconds(e.seconds()), source.source(), source.isDefault());
        }
        return Retention.forever(subject, source.source(), source.isDefault());
    }

    /** data_path (relative to the main configuration's directory), else Debian's /var/lib/prosody. */
    String dataPath() {
        return c.option(ConfigSection.GLOBAL, "data_path").map(o -> String.valueOf(o.value()))
                .map(p -> ProsodyPaths.resolve(c.config().mainFile(), p))
                .map(p -> p.endsWith("/") && p.length() > 1 ? p.substring(0, p.length() - 1) : p)
                .orElse(DEFAULT_DATA_PATH);
    }

    /** Prosody's datamanager file name of a host: every character but letters and digits as %xx. */
    static String encodeHost(String host) {
        StringBuilder b = new StringBuilder();
        for (byte x : host.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int ch = x & 0xFF;
            if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')) {
                b.append((char) ch);
            } else {
                b.append('%').append(String.format("%02x", ch));
            }
        }
        return b.toString();
    }
}
