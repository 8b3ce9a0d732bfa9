package de.tomaudit.cli;

import de.tomaudit.i18n.AuditTexts;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * picocli's own usage errors (unknown option, missing parameter, invalid value …) in the command's
 * language: in English as picocli writes them; in German its common phrasings are message keys
 * ({@code cli.picocli.*}) with the options and values as arguments. A phrasing not known here is
 * kept as picocli wrote it.
 */
final class PicocliMessages {
    private static final Pattern UNKNOWN = Pattern.compile("Unknown option(s?): (.*)", Pattern.DOTALL);
    private static final Pattern UNMATCHED = Pattern.compile("Unmatched argument(s?) (?:at|from) index (\\d+): (.*)", Pattern.DOTALL);
    private static final Pattern MISSING_FOR = Pattern.compile("Missing required parameter for (.+)", Pattern.DOTALL);
    private static final Pattern MISSING = Pattern.compile("Missing required (parameter|option)(s?): (.*)", Pattern.DOTALL);
    private static final Pattern INVALID = Pattern.compile("Invalid value for (.+?): (.*)", Pattern.DOTALL);
    private static final Pattern NOT_A = Pattern.compile("'(.*)' is not an? (\\S+)", Pattern.DOTALL);
    private static final Pattern EXPECTED = Pattern.compile("Expected parameter (?:.* )?for (.+?) but found '(.*)'", Pattern.DOTALL);
    private static final Pattern ONCE = Pattern.compile("(.+) should be specified only once", Pattern.DOTALL);
    private static final Pattern OPTION = Pattern.compile("option '([^']+)'(?: at index \\d+)?(?: \\((.*)\\))?", Pattern.DOTALL);
    private static final Pattern POSITIONAL = Pattern.compile("positional parameter at index \\d+ \\((.*)\\)", Pattern.DOTALL);

    private PicocliMessages() { }

    /** picocli's message in the language of this thread's commands (unchanged in English). */
    static String of(String message) {
        if (message == null || AuditTexts.lang().equals("en")) {
            return message;
        }
        // "Unknown option: '-x'; Expected parameter for option '--lang' but found '-x'": each part on its own
        String[] parts = message.split("; ", -1);
        StringBuilder out = new StringBuilder();
        for (String p : parts) {
            if (out.length() > 0) {
                out.append("; ");
            }
            out.append(part(p));
        }
        return out.toString();
    }

    private static String part(String m) {
        Matcher x;
        if ((x = UNKNOWN.matcher(m)).matches()) {
            return AuditTexts.get(x.group(1).isEmpty() ? "cli.picocli.unknown-option" : "cli.picocli.unknown-options", x.group(2));
        }
        if ((x = UNMATCHED.matcher(m)).matches()) {
            return AuditTexts.get(x.group(1).isEmpty() ? "cli.picocli.unmatched" : "cli.picocli.unmatched-several",
                    x.group(2), x.group(3));
        }
        if ((x = MISSING_FOR.matcher(m)).matches()) {
            return AuditTexts.get("cli.picocli.missing-value", subject(x.group(1)));
        }
        if ((x = MISSING.matcher(m)).matches()) {
            String key = "cli.picocli.missing-" + x.group(1) + (x.group(2).isEmpty() ? "" : "s");
            return AuditTexts.get(key, x.group(3));
        }
        if ((x = INVALID.matcher(m)).matches()) {
            Matcher n = NOT_A.matcher(x.group(2));
            if (n.matches()) {
                return AuditTexts.get("cli.picocli.not-a", subject(x.group(1)), n.group(1), type(n.group(2)));
            }
            return AuditTexts.get("cli.picocli.invalid", subject(x.group(1)), x.group(2));
        }
        if ((x = EXPECTED.matcher(m)).matches()) {
            return AuditTexts.get("cli.picocli.expected", subject(x.group(1)), x.group(2));
        }
        if ((x = ONCE.matcher(m)).matches()) {
            return AuditTexts.get("cli.picocli.once", subject(x.group(1)));
        }
        return m;
    }

    /** "option '--lang' (LANG)" or "positional parameter at index 0 (ID)" in the command's language. */
    private static String subject(String s) {
        Matcher o = OPTION.matcher(s.strip());
        if (o.matches()) {
            return AuditTexts.get("cli.picocli.option", o.group(1));
        }
        Matcher p = POSITIONAL.matcher(s.strip());
        if (p.matches()) {
            return AuditTexts.get("cli.picocli.parameter", p.group(1));
        }
        return s;
    }

    private static String type(String t) {
        return switch (t) {
            case "int", "long", "short" -> AuditTexts.get("cli.picocli.type.integer");
            case "double", "float" -> AuditTexts.get("cli.picocli.type.number");
            default -> AuditTexts.get("cli.picocli.type.other", t);
        };
    }
}
