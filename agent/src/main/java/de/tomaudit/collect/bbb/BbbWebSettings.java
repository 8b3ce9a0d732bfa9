package de.tomaudit.collect.bbb;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.collect.Reads;
import de.tomaudit.facts.Evidence;
import de.tomaudit.facts.FactSet;
import de.tomaudit.facts.Secret;
import de.tomaudit.parse.properties.LayeredProperties;
import de.tomaudit.parse.properties.PropertiesProblem;
import de.tomaudit.target.FileContent;
import de.tomaudit.target.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * bbb-web's effective settings: the packaged defaults overridden by {@code bbb-web.properties}, with
 * {@code ${…}} resolved. Each setting the rules judge becomes {@code bbb.web.<key in lower case>}
 * with the line that decided it, or the default BigBlueButton assumes when no file sets it. The shared
 * secret becomes a {@link Secret} the moment it is read ({@code bbb.shared_secret}); the raw value is
 * kept only inside the {@link ApiSigner} the API calls use, never in a fact.
 */
final class BbbWebSettings {

    /** Settings judged by the rules, with the value bbb-web uses when no file sets them. */
    static final Map<String, String> DEFAULTS = defaults();

    private static Map<String, String> defaults() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("disableRecordingDefault", "false");
        m.put("autoStartRecording", "false");
        m.put("allowStartStopRecording", "true");
        // the key exists since 2.6.9 (default false there); an installed defaults file without it is older,
        // and older versions record media for the whole meeting
        m.put("recordFullDurationMedia", "true");
        m.put("breakoutRoomsRecord", "false");
        m.put("defaultKeepEvents", "false");
        m.put("learningDashboardEnabled", "true");
        m.put("learningDashboardCleanupDelayInMinutes", "2");
        m.put("disabledFeatures", "");
        m.put("defaultGuestPolicy", "ALWAYS_ACCEPT");
        m.put("supportedChecksumAlgorithms", "sha1,sha256,sha384,sha512");
        m.put("allowFetchAllRecordings", "true");
        m.put("appLogLevel", "DEBUG");
        m.put("redisKeyExpiry", "1209600");
        m.put("bigbluebutton.web.serverURL", "");
        m.put("publishedDir", BbbPaths.PUBLISHED_DIR);
        m.put("unpublishedDir", BbbPaths.UNPUBLISHED_DIR);
        return Map.copyOf(m);
    }

    private final LayeredProperties properties;
    private final List<String> files;

    private BbbWebSettings(LayeredProperties properties, List<String> files) {
        this.properties = properties;
        this.files = files;
    }

    /** Reads both layers; a missing override is normal, a missing defaults file is recorded. */
    static BbbWebSettings read(Target target, FactSet.Builder facts) {
        List<LayeredProperties.Layer> layers = new ArrayList<>();
        List<String> files = new ArrayList<>();
        Optional<FileContent> defaults = Reads.optionalFile(target, BbbPaths.WEB_DEFAULTS, "bbb.web", facts);
        defaults.ifPresent(f -> {
            layers.add(new LayeredProperties.Layer(BbbPaths.WEB_DEFAULTS, f.text()));
            files.add(BbbPaths.WEB_DEFAULTS);
        });
        Optional<FileContent> override = Reads.optionalFile(target, BbbPaths.WEB_OVERRIDE, "bbb.web", facts);
        override.ifPresent(f -> {
            layers.add(new LayeredProperties.Layer(BbbPaths.WEB_OVERRIDE, f.text()));
            files.add(BbbPaths.WEB_OVERRIDE);
        });
        return new BbbWebSettings(LayeredProperties.read(layers), files);
    }

    static String factKey(String property) {
        return property.equals("bigbluebutton.web.serverURL") ? "bbb.web.server_url"
                : "bbb.web." + property.toLowerCase(Locale.ROOT);
    }

    List<String> files() {
        return files;
    }

    LayeredProperties properties() {
        return properties;
    }

    /** The effective text of a setting, its default where no file sets it; empty when it could not be known. */
    Optional<String> text(String property) {
        Optional<LayeredProperties.Value> v = properties.value(property);
        if (v.isPresent()) {
            return v.get().text();
        }
        return Optional.ofNullable(DEFAULTS.get(property));
    }

    void put(FactSet.Builder facts) {
        facts.put("bbb.web.files", List.copyOf(files), files.stream().map(f -> Evidence.file(f, AuditTexts.get("evidence.bbb.read"))).toList());
        for (PropertiesProblem p : properties.fileProblems()) {
            facts.put("bbb.web.config_ok", false, Evidence.at(p.file(), p.line(), p.message()));
            facts.error("bbb.web", "parse", p.toString());
        }
        if (!properties.fileProblems().isEmpty()) {
            // a later line of the broken file may set any setting: none is known (bbb-web would not start)
            facts.error("bbb.shared_secret", "parse", properties.fileProblems().get(0).toString());
            return;
        }
        facts.put("bbb.web.config_ok", true, files.stream().map(f -> Evidence.file(f, AuditTexts.get("evidence.bbb.read"))).toList());
        for (String property : DEFAULTS.keySet()) {
            putSetting(property, facts);
        }
        putKeepEvents(facts);
        putSecret(facts);
    }

    private void putSetting(String property, FactSet.Builder facts) {
        String key = factKey(property);
        Optional<LayeredProperties.Value> v = properties.value(property);
        if (v.isEmpty()) {
            if (!properties.fileProblems().isEmpty()) {
                return; // the file stopped before it: the error on bbb.web says why
            }
            facts.put(key, DEFAULTS.get(property), Evidence.byDefault(AuditTexts.get("evidence.bbb.web-default", property,
                    String.join(", ", files)), DEFAULTS.get(property)));
            return;
        }
        LayeredProperties.Value value = v.get();
        if (value.problem().isPresent()) {
            facts.error(key, "parse", value.problem().get().toString());
            return;
        }
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(Evidence.at(value.decidedBy().file(), value.decidedBy().line(),
                property + "=" + display(property, value.decidedBy().raw())));
        value.references().forEach(r -> evidence.add(Evidence.at(r.file(), r.line(), r.key() + "=" + display(r.key(), r.raw()))));
        facts.put(key, value.text().orElse("").strip(), evidence);
    }

    /** A raw value for evidence; anything named like a secret is shown only as its redaction. */
    static String display(String key, String raw) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("salt") || k.contains("secret") || k.contains("password") ? Secret.of(raw).toString() : raw;
    }

    /** {@code defaultKeepEvents} (2.3+), else the older {@code keepEvents}. */
    private void putKeepEvents(FactSet.Builder facts) {
        if (!properties.contains("defaultKeepEvents") && properties.contains("keepEvents")) {
            LayeredProperties.Value v = properties.value("keepEvents").orElseThrow();
            if (v.problem().isEmpty()) {
                facts.put(factKey("defaultKeepEvents"), v.text().orElse("").strip(),
                        Evidence.at(v.decidedBy().file(), v.decidedBy().line(), "keepEvents=" + v.decidedBy().raw()
                                + " " + AuditTexts.get("evidence.bbb.old-name")));
            }
        }
    }

    private void putSecret(FactSet.Builder facts) {
        Optional<LayeredProperties.Value> v = properties.value("securitySalt");
        if (v.isEmpty()) {
            if (properties.fileProblems().isEmpty()) {
                facts.put("bbb.shared_secret", Secret.of(""), Evidence.byDefault(AuditTexts.get("evidence.bbb.salt-not-set",
                        String.join(", ", files)), AuditTexts.get("evidence.bbb.salt-empty")));
            }
            return;
        }
        LayeredProperties.Value value = v.get();
        if (value.problem().isPresent()) {
            facts.error("bbb.shared_secret", "parse", value.problem().get().toString());
            return;
        }
        Secret secret = Secret.of(value.text().orElse("").strip());
        facts.put("bbb.shared_secret", secret, Evidence.at(value.decidedBy().file(), value.decidedBy().line(),
                "securitySalt=" + secret));
    }

    /** The signer for API calls, holding the raw salt privately; empty when none could be read. */
    Optional<ApiSigner> signer() {
        return properties.value("securitySalt").flatMap(LayeredProperties.Value::text).map(String::strip)
                .filter(s -> !s.isEmpty()).map(ApiSigner::new);
    }
}
