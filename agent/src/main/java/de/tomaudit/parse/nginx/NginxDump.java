package de.tomaudit.parse.nginx;

import de.tomaudit.pattern.Wildcard;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The output of {@code nginx -T} split back into the files it was made of. nginx writes, for
 * every configuration file it read (each once, in the order first opened),
 * {@code "# configuration file PATH:\n"}, the file's bytes, and one {@code "\n"}. The first
 * section is the main file. As a {@link NginxSource} it lets the include resolver rebuild the
 * tree with the real files' line numbers.
 */
public record NginxDump(Map<String, String> files) implements NginxSource {
    static final String HEADER = "# configuration file ";

    public NginxDump {
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }

    /** Splits the standard output of {@code nginx -T}. */
    public static NginxDump parse(String stdout) throws NginxParseException {
        Map<String, String> files = new LinkedHashMap<>();
        String current = null;
        StringBuilder body = new StringBuilder();
        int pos = 0;
        while (pos < stdout.length()) {
            int end = stdout.indexOf('\n', pos);
            int next = end < 0 ? stdout.length() : end + 1;
            String line = stdout.substring(pos, end < 0 ? stdout.length() : end);
            if (line.startsWith(HEADER) && line.endsWith(":") && line.length() > HEADER.length() + 1) {
                if (current != null) {
                    files.putIfAbsent(current, withoutAppendedNewline(body));
                }
                current = line.substring(HEADER.length(), line.length() - 1);
                body.setLength(0);
            } else if (current != null) {
                body.append(stdout, pos, next);
            }
            pos = next;
        }
        if (current == null) {
            throw new NginxParseException("nginx -T", 1,
                    "the output holds no \"# configuration file PATH:\" section (not an nginx -T dump)");
        }
        files.putIfAbsent(current, withoutAppendedNewline(body));
        return new NginxDump(files);
    }

    private static String withoutAppendedNewline(StringBuilder body) {
        int n = body.length();
        return n > 0 && body.charAt(n - 1) == '\n' ? body.substring(0, n - 1) : body.toString();
    }

    /** The main configuration file: the first section. */
    public String mainFile() {
        return files.keySet().iterator().next();
    }

    @Override
    public String read(String path) throws NginxSourceException {
        String text = files.get(path);
        if (text == null) {
            throw new NginxSourceException(path + " is not in the nginx -T output", true);
        }
        return text;
    }

    @Override
    public List<String> glob(String pattern) {
        return files.keySet().stream().filter(p -> Wildcard.matchesPath(p, pattern, Wildcard.Syntax.GLOB)).sorted().toList();
    }
}
