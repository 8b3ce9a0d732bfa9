package de.tomaudit.report;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an evidence source is, from the forms {@link de.tomaudit.facts.Evidence} writes:
 * {@code /path:12} (file and line), {@code /path} (a whole file), {@code command: …},
 * {@code probe: host:port}, {@code default: …}, {@code computed: /path:12} (made by code at that statement),
 * {@code decompressed: /path.lz4:12} (a line of a compressed file's text, not of its bytes: no file:line of its own).
 */
public final class EvidenceKind {
    private static final Pattern FILE_LINE = Pattern.compile("([^\\s:][^:]*):(\\d{1,9})");

    private EvidenceKind() { }

    private static final String COMPUTED = "computed: ";

    /** {@code file}, {@code command}, {@code probe}, {@code default}, {@code computed} or {@code decompressed}. */
    public static String of(String source) {
        if (source.startsWith("command: ")) {
            return "command";
        }
        if (source.startsWith("probe: ")) {
            return "probe";
        }
        if (source.startsWith("default: ")) {
            return "default";
        }
        if (source.startsWith(COMPUTED)) {
            return "computed";
        }
        if (source.startsWith("decompressed: ")) {
            return "decompressed";
        }
        return "file";
    }

    /**
     * The source as a reader sees it: the machine prefix of a command, probe, default or computed
     * source ({@code default: }) replaced by that kind's label in the reader's language; the rest
     * (paths, commands, values) as it is. A file source is unchanged.
     */
    public static String shown(String source, java.util.function.Function<String, String> label) {
        String kind = of(source);
        if ("file".equals(kind)) {
            return source;
        }
        return label.apply(kind) + ": " + source.substring(kind.length() + 2);
    }

    /** The file and 1-based line where the source is {@code file:line} (or {@code computed: file:line}, the statement's). */
    public static Optional<FileLine> fileLine(String source) {
        String kind = of(source);
        if (!"file".equals(kind) && !"computed".equals(kind)) {
            return Optional.empty();
        }
        Matcher m = FILE_LINE.matcher(kind.equals("computed") ? source.substring(COMPUTED.length()) : source);
        if (!m.matches()) {
            return Optional.empty();
        }
        int line = Integer.parseInt(m.group(2));
        return line > 0 ? Optional.of(new FileLine(m.group(1), line)) : Optional.empty();
    }

    public record FileLine(String path, int line) { }
}
