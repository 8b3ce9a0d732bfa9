package de.tomaudit.parse.nginx;

import de.tomaudit.i18n.AuditTexts;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the text of one nginx configuration file into directives, following nginx's own
 * tokenizer ({@code ngx_conf_read_token}): words end at whitespace, {@code ;} or {@code {};
 * {@code "…"} and {@code '…'} quote a whole word; a backslash escapes the next character and
 * {@code \"}, {@code \'}, {@code \\}, {@code \t}, {@code \r}, {@code \n} are translated; {@code #}
 * starts a comment only where a word could start; {@code ${name}} keeps its braces. Includes are
 * not followed here (see {@link NginxIncludeResolver}).
 */
public final class NginxFileParser {
    /** Deeper nesting than this is refused (nginx configs rarely exceed 5 levels). */
    public static final int MAX_BLOCK_DEPTH = 64;

    private final String file;
    private final String text;
    private int pos;
    private int line = 1;

    private NginxFileParser(String file, String text) {
        this.file = file;
        this.text = text;
    }

    public static List<NginxDirective> parse(String file, String text) throws NginxParseException {
        NginxFileParser p = new NginxFileParser(file, text);
        return p.block(0);
    }

    private enum Kind { WORD, SEMICOLON, OPEN, CLOSE, EOF }

    private record Token(Kind kind, String value, int line) { }

    private List<NginxDirective> block(int depth) throws NginxParseException {
        if (depth > MAX_BLOCK_DEPTH) {
            throw new NginxParseException(file, line, AuditTexts.get("parse.nginx.blocks-deep", MAX_BLOCK_DEPTH));
        }
        List<NginxDirective> out = new ArrayList<>();
        List<String> words = new ArrayList<>();
        int start = 0;
        while (true) {
            Token t = next();
            switch (t.kind) {
                case WORD -> {
                    if (words.isEmpty()) {
                        start = t.line;
                    }
                    words.add(t.value);
                }
                case SEMICOLON -> {
                    if (words.isEmpty()) {
                        throw new NginxParseException(file, t.line, "unexpected \";\"");
                    }
                    out.add(NginxDirective.simple(words.get(0), words.subList(1, words.size()), file, start));
                    words = new ArrayList<>();
                }
                case OPEN -> {
                    if (words.isEmpty()) {
                        throw new NginxParseException(file, t.line, "unexpected \"{\"");
                    }
                    List<String> head = words;
                    int headLine = start;
                    List<NginxDirective> children = block(depth + 1);
                    out.add(NginxDirective.block(head.get(0), head.subList(1, head.size()), file, headLine, children));
                    words = new ArrayList<>();
                }
                case CLOSE -> {
                    if (!words.isEmpty() || depth == 0) {
                        throw new NginxParseException(file, t.line, "unexpected \"}\"");
                    }
                    return out;
                }
                case EOF -> {
                    if (!words.isEmpty()) {
                        throw new NginxParseException(file, t.line, AuditTexts.get("parse.nginx.eof-semicolon"));
                    }
                    if (depth > 0) {
                        throw new NginxParseException(file, t.line, AuditTexts.get("parse.nginx.eof-brace"));
                    }
                    return out;
                }
                default -> throw new IllegalStateException(t.kind.name());
            }
        }
    }

    private Token next() throws NginxParseException {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\n') {
                line++;
                pos++;
            } else if (c == ' ' || c == '\t' || c == '\r') {
                pos++;
            } else if (c == '#') {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                break;
            }
        }
        if (pos >= text.length()) {
            return new Token(Kind.EOF, "", line);
        }
        char c = text.charAt(pos);
        int at = line;
        switch (c) {
            case ';' -> {
                pos++;
                return new Token(Kind.SEMICOLON, ";", at);
            }
            case '{' -> {
                pos++;
                return new Token(Kind.OPEN, "{", at);
            }
            case '}' -> {
                pos++;
                return new Token(Kind.CLOSE, "}", at);
            }
            case '"', '\'' -> {
                return quoted(c, at);
            }
            default -> {
                return word(at);
            }
        }
    }

    private Token quoted(char quote, int at) throws NginxParseException {
        pos++;
        int begin = pos;
        while (true) {
            if (pos >= text.length()) {
                throw new NginxParseException(file, line, AuditTexts.get("parse.nginx.eof-quote", String.valueOf(at)));
            }
            char c = text.charAt(pos);
            if (c == '\\' && pos + 1 < text.length()) {
                if (text.charAt(pos + 1) == '\n') {
                    line++;
                }
                pos += 2;
                continue;
            }
            if (c == '\n') {
                line++;
            }
            if (c == quote) {
                break;
            }
            pos++;
        }
        String raw = text.substring(begin, pos);
        pos++;
        if (pos < text.length()) {
            char after = text.charAt(pos);
            boolean ok = after == ' ' || after == '\t' || after == '\r' || after == '\n' || after == ';'
                    || after == '{' || after == ')';
            if (!ok) {
                throw new NginxParseException(file, line, "unexpected \"" + after + "\"");
            }
        }
        return new Token(Kind.WORD, unescape(raw), at);
    }

    private Token word(int at) {
        int begin = pos;
        boolean variable = false;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '{' && variable) {
                pos++;
                continue;
            }
            variable = false;
            if (c == '\\' && pos + 1 < text.length()) {
                if (text.charAt(pos + 1) == '\n') {
                    line++;
                }
                pos += 2;
                continue;
            }
            if (c == '$') {
                variable = true;
                pos++;
                continue;
            }
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ';' || c == '{') {
                break;
            }
            pos++;
        }
        return new Token(Kind.WORD, unescape(text.substring(begin, pos)), at);
    }

    /** nginx's copy loop: only these escapes are translated, any other backslash stays. */
    static String unescape(String raw) {
        if (raw.indexOf('\\') < 0) {
            return raw;
        }
        StringBuilder b = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length()) {
                char n = raw.charAt(i + 1);
                switch (n) {
                    case '"', '\'', '\\' -> {
                        b.append(n);
                        i++;
                        continue;
                    }
                    case 't' -> {
                        b.append('\t');
                        i++;
                        continue;
                    }
                    case 'r' -> {
                        b.append('\r');
                        i++;
                        continue;
                    }
                    case 'n' -> {
                        b.append('\n');
                        i++;
                        continue;
                    }
                    default -> { }
                }
            }
            b.append(c);
        }
        return b.toString();
    }
}
