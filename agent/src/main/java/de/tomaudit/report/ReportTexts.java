package de.tomaudit.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The words of the documents in one language, from {@code reports/i18n/messages_<lang>.properties}
 * (UTF-8) packaged into the jar. A key missing in German falls back to English.
 */
public final class ReportTexts {
    private static final Map<String, ReportTexts> CACHE = new ConcurrentHashMap<>();

    private final String lang;
    private final Map<String, String> texts;

    private ReportTexts(String lang, Map<String, String> texts) {
        this.lang = lang;
        this.texts = Collections.unmodifiableMap(texts);
    }

    public static ReportTexts of(String lang) {
        String l = "de".equals(lang) ? "de" : "en";
        return CACHE.computeIfAbsent(l, ReportTexts::load);
    }

    private static ReportTexts load(String lang) {
        Map<String, String> m = new TreeMap<>(read("en"));
        if (!lang.equals("en")) {
            m.putAll(read(lang));
        }
        return new ReportTexts(lang, m);
    }

    private static Map<String, String> read(String lang) {
        String name = "/reports/i18n/messages_" + lang + ".properties";
        try (InputStream in = ReportTexts.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " (the build packages reports/ into the jar)");
            }
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, String> m = new TreeMap<>();
            p.forEach((k, v) -> m.put((String) k, (String) v));
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String lang() {
        return lang;
    }

    /** All texts by key, for templates ({@code t['summary.title']}). */
    public Map<String, String> all() {
        return texts;
    }

    public String get(String key) {
        String v = texts.get(key);
        if (v == null) {
            throw new IllegalArgumentException("no report text '" + key + "'");
        }
        return v;
    }

    /** The text with {@code {0}}, {@code {1}} … filled in ({@link MessageFormat}, numbers grouped per language). */
    public String format(String key, Object... args) {
        return new MessageFormat(get(key), Locale.forLanguageTag(lang)).format(args);
    }
}
