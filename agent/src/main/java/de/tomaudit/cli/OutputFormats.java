package de.tomaudit.cli;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.report.Renderer;
import de.tomaudit.report.Renderers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code --format}, {@code --lang} and {@code --tom-group} as {@code audit} and {@code report} take them. */
final class OutputFormats {
    static final List<String> TOM_GROUPS = List.of("kontrolle", "gdpr", "sdm");

    private OutputFormats() { }

    /**
     * The renderers of the named formats (default {@code defaultFormat}), without duplicates; an
     * unknown name is a usage error listing the formats; several formats need {@code --output};
     * a format this machine cannot write (a missing font) is refused before anything runs.
     */
    static List<Renderer> renderers(List<String> formats, Path output, String defaultFormat) {
        List<String> names = formats.isEmpty() ? List.of(defaultFormat) : formats;
        List<Renderer> out = new ArrayList<>();
        for (String n : names) {
            String f = n.trim().toLowerCase(Locale.ROOT);
            Renderer r = Renderers.byFormat(f).orElseThrow(() -> new UsageException(Renderers.PLANNED.contains(f)
                    ? AuditTexts.get("cli.usage.format-planned", f, String.join(", ", Renderers.names()))
                    : AuditTexts.get("cli.usage.format", n, String.join(", ", Renderers.names()))));
            if (out.stream().noneMatch(x -> x.format().equals(r.format()))) {
                out.add(r);
            }
        }
        if (output == null && out.size() > 1) {
            throw new UsageException(AuditTexts.get("cli.usage.several-formats"));
        }
        return out;
    }

    /** {@code --lang}, or de when {@code LANG} starts with de, else en. */
    static String language(String lang) {
        String l = lang;
        if (l == null) {
            String env = System.getenv().getOrDefault("LANG", "");
            l = env.toLowerCase(Locale.ROOT).startsWith("de") ? "de" : "en";
        }
        if (!l.equals("de") && !l.equals("en")) {
            throw new UsageException(AuditTexts.get("cli.usage.lang", l));
        }
        return l;
    }

    /** {@code --tom-group}: kontrolle (default), gdpr or sdm. */
    static String tomGroup(String group) {
        if (group == null) {
            return "kontrolle";
        }
        String g = group.trim().toLowerCase(Locale.ROOT);
        if (!TOM_GROUPS.contains(g)) {
            throw new UsageException(AuditTexts.get("cli.usage.tom-group", group));
        }
        return g;
    }
}
