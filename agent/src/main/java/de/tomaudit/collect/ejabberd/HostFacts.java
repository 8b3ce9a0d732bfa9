package de.tomaudit.collect.ejabberd;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.facts.Evidence;
import de.tomaudit.facts.FactSet;
import de.tomaudit.facts.Retention;
import de.tomaudit.parse.ejabberd.AccessRules;
import de.tomaudit.parse.ejabberd.ConfigProblem;
import de.tomaudit.parse.ejabberd.EjValue;
import de.tomaudit.parse.ejabberd.EjabberdConfig;
import de.tomaudit.parse.ejabberd.Ejabberd2301Defaults;
import de.tomaudit.parse.ejabberd.EjabberdVersion;
import de.tomaudit.parse.ejabberd.MamExpiryJob;
import de.tomaudit.parse.ejabberd.Option;
import de.tomaudit.target.Target;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The per-host facts: authentication, message archive, registration, uploads (with the upload store's
 * oldest file), and their retention entries. One map per served host, so a host_config that weakens one
 * domain is not hidden behind the global value.
 */
final class HostFacts {
    private final EjabberdConfig config;
    private final EjabberdVersion version;
    private final AccessRules access;
    private final List<ConfigProblem> problems;
    private final Clock clock;

    HostFacts(EjabberdConfig config, EjabberdVersion version, List<ConfigProblem> problems, Clock clock) {
        this.config = config;
        this.version = version;
        this.access = new AccessRules(config);
        this.problems = problems;
        this.clock = clock;
    }

    /** The modules enabled for a host: name to options, the last definition winning. */
    Map<String, EjValue.Entry> modules(String host) {
        Map<String, EjValue.Entry> out = new LinkedHashMap<>();
        Optional<Option> modules = config.forHost("modules", host);
        if (modules.isEmpty()) {
            return out;
        }
        for (EjValue.Entry e : modules.get().value().entries()) {
            EjValue.Entry before = out.put(e.key().text(), e);
            if (before != null && problems.stream().noneMatch(p -> p.where().equals(e.key().loc()))) {
                problems.add(new ConfigProblem(e.key().loc(), AuditTexts.get("evidence.ejabberd.module-twice", e.key().text(),
                        String.valueOf(before.key().loc())), false));
            }
        }
        return out;
    }

    void putAuth(FactSet.Builder facts) {
        List<Map<String, Object>> out = new ArrayList<>();
        Set<Evidence> evidence = new LinkedHashSet<>();
        boolean stored = version.atLeast(EjabberdVersion.STORED_PASSWORD_TYPES);
        for (String host : config.hosts()) {
            String defaultDb = value(host, "default_db", evidence);
            List<String> methods = new ArrayList<>();
            Optional<Option> method = config.forHost("auth_method", host);
            if (method.isPresent()) {
                method.get().value().listOrSingle().forEach(v -> v.atom().ifPresent(methods::add));
                evidence.add(EjEvidence.option(method.get()));
            } else {
                methods.add(defaultDb.equals("sql") ? "sql" : "mnesia");
                evidence.add(EjEvidence.byDefault("auth_method", AuditTexts.get("evidence.ejabberd.auth-method-default", methods.get(0), defaultDb)));
            }
            List<String> storedTypes = new ArrayList<>();
            Optional<Option> types = config.forHost("auth_stored_password_types", host);
            if (types.isPresent()) {
                types.get().value().listOrSingle().forEach(v -> v.atom().ifPresent(storedTypes::add));
                evidence.add(EjEvidence.option(types.get()));
                if (!stored) {
                    problems.add(new ConfigProblem(types.get().keyLoc(), AuditTexts.get("evidence.ejabberd.stored-types-unknown",
                            String.valueOf(version)), false));
                }
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("host", host);
            m.put("methods", methods);
            m.put("internal", methods.stream().anyMatch(x -> x.equals("mnesia") || x.equals("internal") || x.equals("sql")));
            m.put("password_format", value(host, "auth_password_format", evidence));
            m.put("scram_hash", value(host, "auth_scram_hash", evidence));
            m.put("stored_password_types", storedTypes);
            m.put("stored_password_types_supported", stored);
            m.put("source", method.map(o -> EjEvidence.source(o.value())).orElse(Ejabberd2301Defaults.SOURCE));
            out.add(m);
        }
        facts.put("ejabberd.auth", out, List.copyOf(evidence));
    }

    /** A host's scalar option as lower-case text, or ejabberd 23.01's default; adds its evidence. */
    private String value(String host, String key, Set<Evidence> evidence) {
        Optional<Option> o = config.forHost(key, host);
        if (o.isPresent()) {
            evidence.add(EjEvidence.option(o.get()));
            return o.get().value().atom().orElse(o.get().value().display());
        }
        String d = Ejabberd2301Defaults.GLOBAL.getOrDefault(key, "");
        evidence.add(EjEvidence.byDefault(key, d));
        return d;
    }

    void putMam(FactSet.Builder facts, List<MamExpiryJob> jobs) {
        List<Map<String, Object>> out = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        for (String host : config.hosts()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("host", host);
            EjValue.Entry mam = modules(host).get("mod_mam");
            m.put("enabled", mam != null);
            if (mam == null) {
                m.put("default", Ejabberd2301Defaults.MAM_DEFAULT);
                m.put("source", modulesSource(host));
                evidence.add(notEnabled(host, "mod_mam"));
                out.add(m);
                continue;
            }
            Optional<EjValue> def = opt(mam, "default");
            m.put("default", def.flatMap(EjValue::atom).map(a -> List.of("always", "never", "roster").contains(a) ? a : "invalid")
                    .orElse(Ejabberd2301Defaults.MAM_DEFAULT));
            m.put("db_type", opt(mam, "db_type").flatMap(EjValue::atom).orElse(Ejabberd2301Defaults.MAM_DB_TYPE));
            m.put("source", mam.key().loc().toString());
            evidence.add(EjEvidence.at(mam.key().loc(), AuditTexts.get("evidence.module-enabled", host, "mod_mam")));
            evidence.add(def.map(v -> v.atom().filter(a -> List.of("always", "never", "roster").contains(a)).isPresent()
                            ? EjEvidence.option("default", v) : EjEvidence.at(v.where(), AuditTexts.get("evidence.ejabberd.mam-default-invalid")))
                    .orElse(EjEvidence.byDefault("mod_mam default", Ejabberd2301Defaults.MAM_DEFAULT)));
            out.add(m);
            Optional<MamExpiryJob> shortest = jobs.stream().filter(j -> j.days().isPresent())
                    .min((a, b) -> Long.compare(a.days().get(), b.days().get()));
            String subject = AuditTexts.get("retention.mam", host);
            if (shortest.isPresent()) {
                facts.retention(Retention.of(subject, Retention.days(shortest.get().days().get()),
                        shortest.get().source().toString(), false));
            } else if (jobs.isEmpty()) {
                facts.retention(Retention.forever(subject, mam.key().loc().toString(), true));
            }
        }
        facts.put("ejabberd.mam", out, evidence);
    }

    void putRegister(FactSet.Builder facts) {
        List<Map<String, Object>> out = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        for (String host : config.hosts()) {
            Map<String, EjValue.Entry> mods = modules(host);
            EjValue.Entry reg = mods.get("mod_register");
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("host", host);
            m.put("enabled", reg != null);
            boolean invites = version.atLeast(EjabberdVersion.INVITES) && mods.containsKey("mod_invites");
            m.put("invites", invites);
            if (reg == null) {
                m.put("source", modulesSource(host));
                evidence.add(notEnabled(host, "mod_register"));
                out.add(m);
                continue;
            }
            evidence.add(EjEvidence.at(reg.key().loc(), AuditTexts.get("evidence.module-enabled", host, "mod_register")));
            AccessRules.Grant who = grant(reg, "access", Ejabberd2301Defaults.REGISTER_ACCESS, evidence);
            AccessRules.Grant from = grant(reg, "ip_access", Ejabberd2301Defaults.REGISTER_IP_ACCESS, evidence);
            Optional<EjValue> captcha = opt(reg, "captcha_protected");
            captcha.ifPresentOrElse(v -> evidence.add(EjEvidence.option("captcha_protected", v)),
                    () -> evidence.add(EjEvidence.byDefault("mod_register captcha_protected", false)));
            m.put("access", who.explanation());
            m.put("access_everyone", who.everyone());
            m.put("ip_access", from.explanation());
            m.put("ip_access_public", from.fromPublicAddress());
            m.put("captcha_protected", captcha.flatMap(EjValue::bool).orElse(Ejabberd2301Defaults.REGISTER_CAPTCHA));
            m.put("source", reg.key().loc().toString());
            out.add(m);
        }
        facts.put("ejabberd.register", out, evidence);
    }

    private AccessRules.Grant grant(EjValue.Entry module, String key, String def, List<Evidence> evidence) {
        Optional<EjValue> v = opt(module, key);
        if (v.isPresent()) {
            AccessRules.Grant g = access.access(v.get());
            evidence.add(EjEvidence.at(v.get().where(), key + ": " + g.explanation() + EjEvidence.macroNote(v.get())));
            return g;
        }
        evidence.add(EjEvidence.byDefault("mod_register " + key, def));
        return access.access(new EjValue.Scalar(def, EjValue.Type.ATOM, module.key().loc(), Optional.empty()));
    }

    void putUpload(Target target, FactSet.Builder facts, String home, String workingDir) {
        List<Map<String, Object>> out = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        Map<String, UploadStore.Scan> scanned = new LinkedHashMap<>();
        for (String host : config.hosts()) {
            Map<String, EjValue.Entry> mods = modules(host);
            EjValue.Entry upload = mods.get("mod_http_upload");
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("host", host);
            m.put("enabled", upload != null);
            if (upload == null) {
                m.put("source", modulesSource(host));
                evidence.add(notEnabled(host, "mod_http_upload"));
                out.add(m);
                continue;
            }
            Optional<EjValue> docrootValue = opt(upload, "docroot");
            String written = docrootValue.flatMap(EjValue::scalarText).orElse(Ejabberd2301Defaults.UPLOAD_DOCROOT);
            String docroot = docroot(written, home, host, workingDir);
            evidence.add(docrootValue.map(v -> EjEvidence.option("docroot", v))
                    .orElse(EjEvidence.byDefault("mod_http_upload docroot", Ejabberd2301Defaults.UPLOAD_DOCROOT)));
            EjValue.Entry quota = mods.get("mod_http_upload_quota");
            Optional<EjValue> maxDaysValue = quota == null ? Optional.empty() : opt(quota, "max_days");
            Optional<Long> maxDays = maxDaysValue.flatMap(EjValue::integer).filter(d -> d > 0);
            if (quota == null) {
                evidence.add(EjEvidence.at(upload.key().loc(), AuditTexts.get("evidence.ejabberd.upload-no-quota", host)));
            } else {
                evidence.add(maxDaysValue.map(v -> EjEvidence.option("max_days", v))
                        .orElse(EjEvidence.byDefault("mod_http_upload_quota max_days", Ejabberd2301Defaults.UPLOAD_MAX_DAYS)));
            }
            m.put("docroot", docroot);
            m.put("quota_enabled", quota != null);
            m.put("max_days", maxDays.orElse(-1L));
            m.put("expires", maxDays.isPresent());
            m.put("source", upload.key().loc().toString());
            UploadStore.Scan scan = scanned.computeIfAbsent(docroot, d -> UploadStore.scan(target, d));
            Instant now = clock.instant();
            Optional<Duration> age = scan.oldest().map(o -> Duration.between(o, now)).map(d -> d.isNegative() ? Duration.ZERO : d);
            boolean checked = scan.exists() && scan.problem().isEmpty();
            boolean holds = maxDays.isEmpty() || age.isEmpty()
                    || age.get().compareTo(Retention.days(maxDays.get()).plusDays(1)) <= 0;
            m.put("store_exists", scan.exists());
            m.put("store_checked", checked);
            m.put("files", scan.files());
            m.put("oldest_days", age.map(d -> d.toSeconds() / 86_400d).orElse(0d));
            m.put("holds", holds);
            evidence.add(storeEvidence(docroot, scan, age));
            out.add(m);
            String subject = AuditTexts.get("retention.uploads", host);
            Retention r = maxDays.isPresent()
                    ? Retention.of(subject, Retention.days(maxDays.get()), maxDaysValue.get().where().toString(), false)
                    : Retention.forever(subject, quota == null ? upload.key().loc().toString()
                            : quota.key().loc().toString(), true);
            if (checked && age.isPresent()) {
                r = r.withVerified(new Retention.Verified(Retention.isoDuration(wholeUnits(age.get())),
                        scan.oldestPath().orElse(docroot), holds));
            }
            facts.retention(r);
        }
        facts.put("ejabberd.upload", out, evidence);
    }

    private static Evidence storeEvidence(String docroot, UploadStore.Scan scan, Optional<Duration> age) {
        if (!scan.exists()) {
            return Evidence.file(docroot, scan.problem().orElseGet(() -> AuditTexts.get("evidence.upload-store-missing")));
        }
        if (scan.problem().isPresent() && scan.files() == 0) {
            return Evidence.file(docroot, AuditTexts.get("evidence.ejabberd.upload-unreadable", scan.problem().get()));
        }
        String files = String.valueOf(scan.files());
        String text = age.map(a -> AuditTexts.get("evidence.ejabberd.upload-oldest", files, Retention.isoDuration(wholeUnits(a)),
                scan.oldestPath().orElse(""))).orElseGet(() -> AuditTexts.get("evidence.ejabberd.upload-files", files))
                + (scan.truncated() ? AuditTexts.get("evidence.ejabberd.walk-stopped") : "");
        return Evidence.file(docroot, text);
    }

    /** Whole days from one day on, whole hours below. */
    static Duration wholeUnits(Duration d) {
        return d.toDays() >= 1 ? Duration.ofDays(d.toDays()) : Duration.ofHours(d.toHours());
    }

    /** {@code @HOME@} and {@code @HOST@} replaced; a relative path taken from ejabberd's working directory. */
    static String docroot(String written, String home, String host, String workingDir) {
        String d = written.replace("@HOME@", home).replace("@HOST@", host.toLowerCase(Locale.ROOT));
        if (!d.startsWith("/")) {
            d = workingDir + "/" + d;
        }
        return d.length() > 1 && d.endsWith("/") ? d.substring(0, d.length() - 1) : d;
    }

    private String modulesSource(String host) {
        return config.forHost("modules", host).map(o -> o.keyLoc().toString()).orElse(config.mainFile());
    }

    /** Cites the modules option that lacks the module (or the main file when there is none). */
    private Evidence notEnabled(String host, String module) {
        return config.forHost("modules", host).map(o -> EjEvidence.at(o.keyLoc(), AuditTexts.get("evidence.ejabberd.module-missing", host, module)))
                .orElseGet(() -> Evidence.file(config.mainFile(), AuditTexts.get("evidence.ejabberd.no-modules", host, module)));
    }

    private static Optional<EjValue> opt(EjValue.Entry module, String key) {
        if (module.value() instanceof EjValue.Mapping m) {
            return m.last(key).map(EjValue.Entry::value);
        }
        return Optional.empty();
    }
}
