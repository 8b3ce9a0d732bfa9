package de.tomaudit.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.result.AuditResult;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * German output has German labels in its evidence (issue 12): the machine kind of a source
 * ({@code default:}, {@code command:}, {@code probe:}, {@code computed:}) and the labels collectors
 * write ({@code searched:}, {@code effective:}, {@code handler}, {@code (default)}) appear in the
 * reader's language in the console, the documents and the TOM annex; raw configuration values
 * ("default: always" in ejabberd.yml) stay as they are.
 */
class GermanSourceLabelsTest {
    /** An English label where a source starts: at a line's or a table cell's start, or after a code mark (not mod_mam's own "default:" option). */
    private static final Pattern ENGLISH = Pattern.compile(
            "(?m)(?:^\\s*|\\| |<td class=\"mono\">|`|<span class=\"src\">)(?:default|command|probe|computed|searched|effective): (?!always|never|roster)"
                    + "|\\bhandler /|protocol_options \\(default\\)");

    @Test
    void germanConsoleAndDocumentsLabelSourcesInGerman() throws Exception {
        AuditResult result = ConsoleGoldenTest.audit("weak", "de");
        String console = ConsoleGoldenTest.render(result, "de", 200, true);
        List<String> found = new java.util.ArrayList<>();
        ENGLISH.matcher(console).results().forEach(m -> found.add("console: " + m.group()));
        for (String format : List.of("md", "html", "junit", "tom-md", "tom")) {
            String text = RenderedDocs.text(format, RenderedDocs.render(Renderers.byFormat(format).orElseThrow(), result, "de"));
            ENGLISH.matcher(text).results().forEach(m -> found.add(format + ": " + m.group()));
        }
        assertTrue(found.isEmpty(), "English source labels in German output: " + found);
        assertTrue(console.contains("Voreinstellung: ejabberd 23.01") && console.contains("durchsucht: /etc/crontab"), console);
    }

    @Test
    void englishOutputKeepsItsLabels() throws Exception {
        String console = ConsoleGoldenTest.render(ConsoleGoldenTest.audit("weak", "en"), "en", 200, true);
        assertTrue(console.contains("default: ejabberd 23.01") && console.contains("searched: /etc/crontab"), console);
    }
}
