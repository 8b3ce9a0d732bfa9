package de.tomaudit.i18n;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The texts tomaudit writes itself (console words, counts, causes), by message key, in German or
 * English: {@code messages_de.properties} and {@code messages_en.properties} beside this class's
 * package in the resources, UTF-8, {@link MessageFormat} patterns ({@code {0}}, {@code {0,choice,…}}).
 * A key missing in one language falls back to the other; a key missing in both prints as itself,
 * so a typo shows in the output instead of failing the run.
 */
public final class Texts {
    public static final Set<String> LANGUAGES = Set.of("de", "en");
    private static final Map<String, Properties> BUNDLES = new ConcurrentHashMap<>();
    /**
     * Parsed patterns by language and pattern: parsing a MessageFormat costs more than formatting with it,
     * and evidence texts are formatted thousands of times per fleet run. A MessageFormat is not
     * thread-safe, so each is used under its own lock (formatting takes microseconds).
     */
    private static final Map<String, Map<String, MessageFormat>> FORMATS = new ConcurrentHashMap<>();

    private final String lang;

    private Texts(String lang) {
        this.lang = LANGUAGES.contains(lang) ? lang : "en";
    }

    public static Texts of(String lang) {
        return new Texts(lang);
    }

    public String lang() {
        return lang;
    }

    /** The text for the key with its arguments filled in. */
    public String get(String key, Object... args) {
        String pattern = bundle(lang).getProperty(key);
        if (pattern == null) {
            pattern = bundle(lang.equals("de") ? "en" : "de").getProperty(key);
        }
        if (pattern == null) {
            return key;
        }
        if (args.length == 0) {
            return pattern;
        }
        String p = pattern;
        // keyed by the bundle's own pattern string, whose hash is computed once
        MessageFormat f = FORMATS.computeIfAbsent(lang, l -> new ConcurrentHashMap<>())
                .computeIfAbsent(p, k -> new MessageFormat(k, Locale.forLanguageTag(lang)));
        synchronized (f) {
            return f.format(args);
        }
    }

    /** Every key of the bundle of one language. */
    public static Set<String> keys(String lang) {
        return new TreeSet<>(bundle(lang).stringPropertyNames());
    }

    static Properties bundle(String lang) {
        return BUNDLES.computeIfAbsent(lang, l -> {
            Properties p = new Properties();
            try (InputStream in = Texts.class.getResourceAsStream("messages_" + l + ".properties")) {
                if (in != null) {
                    p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return p;
        });
    }
}
