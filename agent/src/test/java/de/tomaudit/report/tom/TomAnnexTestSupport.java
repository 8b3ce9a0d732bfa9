package de.tomaudit.report.tom;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads poppler's {@code pdftotext -bbox} output: does any word lie outside its page? */
final class TomAnnexTestSupport {
    private static final Pattern PAGE = Pattern.compile("<page width=\"([0-9.]+)\" height=\"([0-9.]+)\">");
    private static final Pattern WORD = Pattern.compile("<word xMin=\"(-?[0-9.]+)\" yMin=\"-?[0-9.]+\" xMax=\"(-?[0-9.]+)\"");

    private TomAnnexTestSupport() { }

    /** Empty when every word is on its page; else which word is not. */
    static String offPage(String bbox) {
        Matcher page = PAGE.matcher(bbox);
        if (!page.find()) {
            return "no page in the bbox output";
        }
        double width = Double.parseDouble(page.group(1));
        Matcher w = WORD.matcher(bbox);
        int words = 0;
        while (w.find()) {
            words++;
            if (Double.parseDouble(w.group(2)) > width + 0.5 || Double.parseDouble(w.group(1)) < -0.5) {
                return "a word runs off the page (x " + w.group(1) + ".." + w.group(2) + " on a page " + width + " wide)";
            }
        }
        return words > 100 ? "" : "only " + words + " words";
    }
}
