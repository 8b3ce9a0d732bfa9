package de.tomaudit.collect.host;

import de.tomaudit.facts.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces secrets on a command line with their {@link Secret} text ({@code redacted (sha256:…)})
 * before the line becomes a fact: values of options such as {@code --password}, {@code --token},
 * {@code -setcookie}; {@code NAME=value} where the name says password, passphrase, secret or token;
 * {@code -pVALUE} and {@code -p VALUE} for the MySQL/MariaDB clients and sshpass, {@code -a VALUE}
 * for redis-cli; and the password in {@code scheme://user:password@host} URLs. Names of files
 * holding secrets ({@code --password-file}, {@code RESTIC_PASSWORD_FILE}) are kept; a command that prints
 * one ({@code --password-command "echo …"}) is a secret itself, as are {@code --pass VALUE},
 * {@code -pVALUE} of 7-Zip, {@code -P VALUE} of zip and the password of {@code curl -u user:password}.
 */
public final class ProcessesArgumentRedactor {

    private static final Pattern SECRET_OPTION = Pattern.compile(
            "--(pass|[a-z0-9_-]*(password|passwd|passphrase|secret|token|api-?key|auth-?key|requirepass|masterauth|cookie)[a-z0-9_-]*)",
            Pattern.CASE_INSENSITIVE);
    /** Single-dash long options that take a secret (Erlang's -setcookie, some Java and Go tools). */
    private static final Set<String> SINGLE_DASH_SECRETS = Set.of("-setcookie", "-cookie", "-password", "-passwd",
            "-pass", "-passphrase", "-secret", "-token", "-requirepass");
    /** A password option naming a command: the command line holds or prints the secret. */
    private static final Pattern SECRET_COMMAND_OPTION = Pattern.compile(
            "--[a-z0-9_-]*(password|passwd|passphrase|pass)[-_](command|cmd)", Pattern.CASE_INSENSITIVE);
    private static final Set<String> SEVEN_ZIP = Set.of("7z", "7za", "7zr");
    private static final Pattern NOT_A_SECRET_OPTION = Pattern.compile(
            ".*[-_](file|path|command|cmd|fd|env|jar|dir)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern SECRET_VAR = Pattern.compile(
            "[A-Za-z0-9_]*(PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|APIKEY|API_KEY|PRIVATE_KEY)[A-Za-z0-9_]*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern PASS_SEGMENT = Pattern.compile("(?i)(^|.*_)(PASS|PW)(_.*|$)");
    private static final Pattern URL_CREDENTIALS = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://[^:/@\\s]+):([^@\\s/]+)@");
    private static final Set<String> MYSQL = Set.of("mysql", "mysqldump", "mysqladmin", "mysqlcheck", "mysqlimport",
            "mysqlpump", "mariadb", "mariadb-dump", "mariadb-admin", "mariadb-check", "mariadb-import");

    private ProcessesArgumentRedactor() { }

    public static String redact(String commandLine) {
        List<String> parts = split(commandLine);
        Set<String> programs = new java.util.HashSet<>();
        for (int i = 0; i < parts.size(); i++) {
            String w = parts.get(i);
            if (w.isBlank()) {
                continue;
            }
            programs.add(basename(unquote(w)).toLowerCase(Locale.ROOT));
            int nextWord = nextWord(parts, i);
            int eq = w.indexOf('=');
            String name = eq > 0 ? w.substring(0, eq) : w;
            boolean secretOption = name.startsWith("--")
                    ? SECRET_OPTION.matcher(name).matches() && (!NOT_A_SECRET_OPTION.matcher(name).matches()
                            || SECRET_COMMAND_OPTION.matcher(name).matches())
                    : SINGLE_DASH_SECRETS.contains(name.toLowerCase(Locale.ROOT));
            if (secretOption) {
                if (eq > 0) {
                    parts.set(i, name + "=" + secret(w.substring(eq + 1)));
                } else if (nextWord >= 0 && !parts.get(nextWord).startsWith("--")) {
                    parts.set(nextWord, secret(parts.get(nextWord)));
                    i = nextWord;
                }
                continue;
            }
            if (eq > 0 && isSecretVariable(name)) {
                parts.set(i, name + "=" + secret(w.substring(eq + 1)));
                continue;
            }
            boolean mysql = programs.stream().anyMatch(MYSQL::contains);
            if (mysql && w.startsWith("-p") && w.length() > 2 && !w.startsWith("--")) {
                parts.set(i, "-p" + secret(w.substring(2)));
                continue;
            }
            boolean sevenZip = programs.stream().anyMatch(SEVEN_ZIP::contains);
            if (sevenZip && w.startsWith("-p") && w.length() > 2) {
                parts.set(i, "-p" + secret(w.substring(2)));
                continue;
            }
            if (programs.contains("curl") && (w.equals("-u") || w.equals("--user")) && nextWord >= 0) {
                String v = unquote(parts.get(nextWord));
                int colon = v.indexOf(':');
                if (colon >= 0) {
                    parts.set(nextWord, v.substring(0, colon + 1) + Secret.of(v.substring(colon + 1)));
                }
                i = nextWord;
                continue;
            }
            boolean pWithValue = programs.contains("sshpass") && w.equals("-p")
                    || programs.contains("zip") && w.equals("-P");
            boolean aWithValue = programs.contains("redis-cli") && w.equals("-a");
            if ((pWithValue || aWithValue) && nextWord >= 0) {
                parts.set(nextWord, secret(parts.get(nextWord)));
                i = nextWord;
                continue;
            }
            parts.set(i, urlCredentials(w));
        }
        return String.join("", parts);
    }

    static boolean isSecretVariable(String name) {
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*") || NOT_A_SECRET_OPTION.matcher(name).matches()) {
            return false;
        }
        return SECRET_VAR.matcher(name).matches() || PASS_SEGMENT.matcher(name).matches();
    }

    private static String urlCredentials(String word) {
        Matcher m = URL_CREDENTIALS.matcher(word);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + ":" + Secret.of(m.group(2)) + "@"));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String secret(String raw) {
        return Secret.of(unquote(raw)).toString();
    }

    private static String unquote(String w) {
        if (w.length() >= 2 && (w.charAt(0) == '\'' || w.charAt(0) == '"') && w.charAt(w.length() - 1) == w.charAt(0)) {
            return w.substring(1, w.length() - 1);
        }
        return w;
    }

    private static String basename(String w) {
        int slash = w.lastIndexOf('/');
        return slash >= 0 ? w.substring(slash + 1) : w;
    }

    private static int nextWord(List<String> parts, int i) {
        for (int k = i + 1; k < parts.size(); k++) {
            if (!parts.get(k).isBlank()) {
                return k;
            }
        }
        return -1;
    }

    /** Words and the whitespace between them, so the line can be put back together; quotes keep spaces. */
    private static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inSpace = false;
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean space = quote == 0 && Character.isWhitespace(c);
            if (space != inSpace && cur.length() > 0) {
                out.add(cur.toString());
                cur.setLength(0);
            }
            inSpace = space;
            if (quote == 0 && (c == '\'' || c == '"') && s.indexOf(c, i + 1) > 0) {
                quote = c;
            } else if (quote != 0 && c == quote) {
                quote = 0;
            }
            cur.append(c);
        }
        if (cur.length() > 0) {
            out.add(cur.toString());
        }
        return out;
    }
}
