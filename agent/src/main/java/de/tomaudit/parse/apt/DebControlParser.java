package de.tomaudit.parse.apt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses deb822 control data: paragraphs separated by blank lines, {@code Name: value}
 * fields, continuation lines starting with a space or tab. Lines that fit none of these
 * are skipped (dpkg would complain; the audit reads what it can).
 */
public final class DebControlParser {

    private DebControlParser() { }

    public static List<DebControlParagraph> parse(String path, String text) {
        List<DebControlParagraph> out = new ArrayList<>();
        Map<String, DebControlParagraph.Field> fields = new HashMap<>();
        String last = null;
        int start = 0;
        int lineNo = 0;
        for (String line : text.split("\n", -1)) {
            lineNo++;
            if (line.isBlank()) {
                if (!fields.isEmpty()) {
                    out.add(new DebControlParagraph(path, start, fields));
                    fields = new HashMap<>();
                }
                last = null;
                continue;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t')) {
                if (last != null) {
                    DebControlParagraph.Field f = fields.get(last);
                    fields.put(last, new DebControlParagraph.Field(f.value() + "\n" + line.strip(), f.line()));
                }
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || line.startsWith("#")) {
                continue;
            }
            if (fields.isEmpty()) {
                start = lineNo;
            }
            last = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            fields.put(last, new DebControlParagraph.Field(line.substring(colon + 1).strip(), lineNo));
        }
        if (!fields.isEmpty()) {
            out.add(new DebControlParagraph(path, start, fields));
        }
        return out;
    }
}
