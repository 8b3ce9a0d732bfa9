package de.tomaudit.parse.sshd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the output of {@code sshd -T} (extended test mode): one lower-case {@code keyword value}
 * line per setting, lists of files, addresses and names repeated line by line. Output that does
 * not look like that is refused rather than half-read.
 */
public final class SshdTestOutputParser {

    private static final Pattern LINE = Pattern.compile("([a-z0-9]+)(?: (.*))?");
    private static final int MAX_GARBAGE_LINES = 5;

    private SshdTestOutputParser() { }

    /**
     * @param commandLine how the output was produced, for provenance ({@code sshd -T})
     * @throws SshdSyntaxException when the text is not sshd -T output
     */
    public static SshdSettings parse(String output, String commandLine) throws SshdSyntaxException {
        Map<String, List<String>> values = new LinkedHashMap<>();
        Map<String, List<SettingSource>> sources = new LinkedHashMap<>();
        String[] lines = output.split("\n", -1);
        int garbage = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            var m = LINE.matcher(line);
            if (!m.matches()) {
                if (++garbage > MAX_GARBAGE_LINES) {
                    throw new SshdSyntaxException("line " + (i + 1) + " of " + commandLine
                            + " output is not a 'keyword value' line: " + abbreviate(line));
                }
                continue;
            }
            String keyword = m.group(1);
            String rest = m.group(2) == null ? "" : m.group(2);
            List<String> v = values.computeIfAbsent(keyword, k -> new ArrayList<>());
            if (SshdKeywords.isAlgorithmList(keyword)) {
                for (String name : rest.split(",")) {
                    if (!name.isEmpty()) {
                        v.add(name);
                    }
                }
            } else {
                v.add(SshdKeywords.normaliseValue(keyword, rest));
            }
            sources.computeIfAbsent(keyword, k -> new ArrayList<>())
                    .add(SettingSource.command(commandLine, i + 1, line));
        }
        for (String required : List.of("port", "passwordauthentication", "permitrootlogin", "ciphers")) {
            if (!values.containsKey(required)) {
                throw new SshdSyntaxException(commandLine + " output has no '" + required + "' line");
            }
        }
        Map<String, Setting> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, new Setting(k, v, sources.get(k))));
        return new SshdSettings(out);
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
