package de.tomaudit.i18n;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parse errors of the libraries tomaudit reads configurations with (SnakeYAML for ejabberd,
 * LuaJ for Prosody) in the audit's language: their most common phrasings are message keys
 * ({@code lib.yaml.*}, {@code lib.lua.*}) with the quoted tokens as arguments; any other message is
 * kept as the library wrote it.
 */
public final class LibraryMessages {
    private record Phrase(Pattern pattern, String key) { }

    private static final List<Phrase> YAML = List.of(
            new Phrase(Pattern.compile("expected (<[^>]+>), but found '?(<[^>]+>)'?"), "lib.yaml.expected-found"),
            new Phrase(Pattern.compile("mapping values are not allowed here"), "lib.yaml.mapping-values"),
            new Phrase(Pattern.compile("could not find expected '([^']*)'"), "lib.yaml.not-found"),
            new Phrase(Pattern.compile("found character '(.*)' that cannot start any token"), "lib.yaml.bad-character"),
            new Phrase(Pattern.compile("found duplicate anchor (.*)"), "lib.yaml.duplicate-anchor"),
            new Phrase(Pattern.compile("found undefined alias (.*)"), "lib.yaml.undefined-alias"),
            new Phrase(Pattern.compile("found unexpected end of stream"), "lib.yaml.end-of-stream"));
    private static final List<Phrase> LUA = List.of(
            new Phrase(Pattern.compile("'(.+)' expected \\(to close '(.+)' at line (\\d+)\\)(?: near .*)?"), "lib.lua.to-close"),
            new Phrase(Pattern.compile("'(.+)' expected near (.*)"), "lib.lua.expected-near"),
            new Phrase(Pattern.compile("unexpected symbol near (.*)"), "lib.lua.unexpected-symbol"),
            new Phrase(Pattern.compile("unfinished string near (.*)"), "lib.lua.unfinished-string"),
            new Phrase(Pattern.compile("unfinished long (?:string|comment) near (.*)"), "lib.lua.unfinished-long"),
            new Phrase(Pattern.compile("malformed number near (.*)"), "lib.lua.malformed-number"),
            new Phrase(Pattern.compile("attempt to call (?:a )?nil(?: value)?.*"), "lib.lua.call-nil"),
            new Phrase(Pattern.compile("attempt to index \\?? ?\\(?a nil value\\)?.*"), "lib.lua.index-nil"));

    private LibraryMessages() { }

    /** A SnakeYAML problem text in the audit's language. */
    public static String yaml(String message) {
        return translate(YAML, message);
    }

    /** A LuaJ error text (without its chunk name and line) in the audit's language. */
    public static String lua(String message) {
        return translate(LUA, message);
    }

    private static String translate(List<Phrase> phrases, String message) {
        if (message == null) {
            return "";
        }
        for (Phrase p : phrases) {
            Matcher m = p.pattern().matcher(message.strip());
            if (m.matches()) {
                Object[] args = new Object[m.groupCount()];
                for (int i = 0; i < args.length; i++) {
                    args[i] = m.group(i + 1) == null ? "" : m.group(i + 1);
                }
                return AuditTexts.get(p.key(), args);
            }
        }
        return message;
    }
}
