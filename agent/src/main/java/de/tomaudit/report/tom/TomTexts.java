package de.tomaudit.report.tom;

import java.text.MessageFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The annex's texts in one language, from the bundles {@code reports/i18n/tom_de.properties} and
 * {@code tom_en.properties} (UTF-8). Every key exists in both; a missing key is a bug and shows as
 * {@code ??key??} rather than stopping the document.
 */
public final class TomTexts {
    private static final String BUNDLE = "reports.i18n.tom";
    private final String lang;
    private final ResourceBundle bundle;

    private TomTexts(String lang, ResourceBundle bundle) {
        this.lang = lang;
        this.bundle = bundle;
    }

    public static TomTexts of(String lang) {
        String l = "de".equals(lang) ? "de" : "en";
        ResourceBundle b = ResourceBundle.getBundle(BUNDLE, Locale.forLanguageTag(l), TomTexts.class.getClassLoader(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        return new TomTexts(l, b);
    }

    public String lang() {
        return lang;
    }

    public Locale locale() {
        return Locale.forLanguageTag(lang);
    }

    public boolean has(String key) {
        return bundle.containsKey(key);
    }

    public String get(String key) {
        try {
            return bundle.getString(key);
        } catch (MissingResourceException e) {
            return "??" + key + "??";
        }
    }

    public String format(String key, Object... args) {
        MessageFormat f = new MessageFormat(get(key).replace("'", "''"), locale());
        return f.format(args);
    }

    /** {@code one|{0} many}: the first form for 1, the second (formatted) otherwise. */
    public String plural(String key, long n) {
        String[] forms = get(key).split("\\|", 2);
        String form = n == 1 || forms.length == 1 ? forms[0] : forms[1];
        return form.replace("{0}", Long.toString(n));
    }

    /** Every key and text, for the templates ({@code t["section.gaps"]}). */
    public Map<String, String> asMap() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String k : bundle.keySet()) {
            out.put(k, bundle.getString(k));
        }
        return out;
    }
}
