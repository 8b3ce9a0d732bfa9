package de.tomaudit.report;

/**
 * Text safe inside GitHub-flavoured Markdown: nothing a value holds can open a link, an image,
 * emphasis, HTML or a new table cell, and line breaks stay inside their cell as {@code <br>}.
 */
public final class MarkdownText {

    private MarkdownText() { }

    /** A value as the content of a table cell or a line of prose. */
    public static String cell(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        String v = VisibleText.escape(s).replace("\r\n", "\n");
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '\n' -> out.append("<br>");
                case '\t' -> out.append(' ');
                case '|' -> out.append("\\|");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '\\', '`', '*', '_', '[', ']', '#', '!', '~' -> out.append('\\').append(c);
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
