package de.tomaudit.i18n;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.tomaudit.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Audits the same target with {@code --lang de} and {@code --lang en} through the command line and
 * lists every text a user sees under {@code --lang de} that is still English: in the JSON result
 * (the target's errors, each finding's reason, why and evidence, the retention subjects) and on
 * the console. A text counts when it is the same in both runs and {@link AppEvidenceLanguageTest#isEnglish}
 * finds English words in it; every such text is listed, not only the first.
 */
public final class GermanRun {
    /** A finding's text that is configuration, not prose (an option set to yes or no, dpkg's status words). */
    private static final List<java.util.regex.Pattern> TECHNICAL = List.of(
            java.util.regex.Pattern.compile("\\S+ install ok installed"),
            java.util.regex.Pattern.compile("[A-Za-z_]+ (yes|no)"),
            java.util.regex.Pattern.compile("api_permissions '[^']*': from .*"));

    private GermanRun() { }

    /** The console's lines, the Markdown report's lines and the JSON result of one run. */
    public record Output(int code, List<String> console, List<String> report, JsonNode json, String err) { }

    /** Runs {@code tomaudit audit ARGS --lang LANG}, writing the console, Markdown and JSON into {@code dir/LANG}. */
    public static Output run(Path dir, String lang, List<String> args) throws Exception {
        Path out = Files.createDirectories(dir.resolve(lang + "-" + System.nanoTime()));
        List<String> all = new ArrayList<>(List.of("audit", "--no-history", "--lang", lang, "--format", "console,md,json",
                "--output", out.toString()));
        all.addAll(args);
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(all.toArray(String[]::new), new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        Path json = out.resolve("tomaudit-report.json");
        if (!Files.exists(json)) {
            throw new AssertionError("no JSON result (exit " + code + "): " + err.toString(StandardCharsets.UTF_8));
        }
        return new Output(code, Files.readString(out.resolve("tomaudit-report.txt")).lines().toList(),
                Files.readString(out.resolve("tomaudit-report.md")).lines().toList(),
                new ObjectMapper().readTree(json.toFile()), err.toString(StandardCharsets.UTF_8));
    }

    /** Every text a user reads in the JSON result, with where it is. */
    public static List<String[]> texts(JsonNode json) {
        List<String[]> out = new ArrayList<>();
        for (JsonNode t : json.get("targets")) {
            String name = t.get("name").asText();
            t.get("errors").forEach(e -> out.add(new String[] {name + " error", e.get("message").asText()}));
            for (JsonNode f : t.get("findings")) {
                String id = name + " " + f.get("ruleId").asText();
                for (String field : List.of("reason", "why")) {
                    if (f.hasNonNull(field)) {
                        out.add(new String[] {id + " " + field, f.get(field).asText()});
                    }
                }
                int i = 0;
                for (JsonNode e : f.path("evidence")) {
                    out.add(new String[] {id + " evidence " + i++, e.path("value").asText()});
                }
            }
            for (JsonNode r : t.path("retentions")) {
                out.add(new String[] {name + " retention", r.path("subject").asText()});
            }
        }
        return out;
    }

    /**
     * The texts of the German run that read as English: in the JSON result those equal to the
     * English run's text at the same place, on the console the lines that also appear in the English
     * console. {@code allowed} takes out texts known to be technical.
     */
    public static List<String> english(Output de, Output en, Predicate<String> allowed) {
        Set<String> left = new LinkedHashSet<>();
        List<String[]> d = texts(de.json());
        Set<String> e = new java.util.HashSet<>();
        java.util.Map<String, String> enAt = new java.util.HashMap<>();
        texts(en.json()).forEach(p -> {
            e.add(p[0] + "\0" + p[1]);
            enAt.putIfAbsent(p[0], p[1]);
        });
        for (String[] p : d) {
            if (e.contains(p[0] + "\0" + p[1]) && reads(p[1], allowed)) {
                left.add("json " + p[0] + ": " + p[1]);
            } else if (enAt.containsKey(p[0]) && !allowed.test(p[1])) {
                // a German text that keeps an English phrase of the English one ("Bad Match condition: Match-Kriterium ...")
                mixed(enAt.get(p[0]), p[1]).ifPresent(phrase -> left.add("json " + p[0] + ": '" + phrase + "' in: " + p[1]));
            }
        }
        lines("console", de.console(), en.console(), allowed, left);
        lines("report", de.report(), en.report(), allowed, left);
        lines("stderr", de.err().lines().toList(), en.err().lines().toList(), allowed, left);
        return new ArrayList<>(left);
    }

    private static final java.util.regex.Pattern PHRASE = java.util.regex.Pattern.compile(
            "(?<![\\w./:-])[A-Za-z]+(?: [A-Za-z]+){2,}(?![\\w./:-])");

    /** Words of tomaudit's own English prose that AppEvidenceLanguageTest's list lacks. */
    private static final Set<String> PROSE_WORDS = Set.of("bad", "invalid", "unsupported", "deprecated", "condition", "needs",
            "fields", "expected", "unknown", "unexpected", "missing", "failed", "refused", "lost", "ignored", "allowed", "line");
    /**
     * Words of the libraries underneath that tomaudit passes on after its own German words: JSch's
     * "session is down", the JDK's TLS alerts, SnakeYAML's token names, dpkg's status words.
     */
    private static final List<String> LIBRARY = List.of("session is down", "Unsupported or unrecognized SSL message",
            "block mapping start", "install ok installed");

    /** A run of three or more plain words of the English text that the German text holds too. */
    static java.util.Optional<String> mixed(String english, String german) {
        java.util.regex.Matcher m = PHRASE.matcher(english);
        while (m.find()) {
            String[] w = m.group().split(" ");
            for (int i = 0; i + 3 <= w.length; i++) {
                String three = w[i] + " " + w[i + 1] + " " + w[i + 2];
                if (german.contains(three) && java.util.Arrays.stream(w, i, i + 3).noneMatch(x -> x.length() < 2)
                        && (AppEvidenceLanguageTest.isEnglish(three) || java.util.Arrays.stream(w, i, i + 3)
                                .anyMatch(x -> PROSE_WORDS.contains(x.toLowerCase(java.util.Locale.ROOT))))
                        && LIBRARY.stream().noneMatch(l -> l.contains(three))) {
                    return java.util.Optional.of(three);
                }
            }
        }
        return java.util.Optional.empty();
    }

    private static void lines(String where, List<String> de, List<String> en, Predicate<String> allowed, Set<String> left) {
        Set<String> enLines = new java.util.HashSet<>();
        en.forEach(l -> enLines.add(l.strip()));
        for (String line : de) {
            if (enLines.contains(line.strip()) && reads(line.strip(), allowed)) {
                left.add(where + ": " + line.strip());
            }
        }
    }

    private static boolean reads(String text, Predicate<String> allowed) {
        if (allowed.test(text) || TECHNICAL.stream().anyMatch(p -> p.matcher(text).matches())) {
            return false;
        }
        // paths, addresses and option lines set to yes or no are configuration in any language
        // ... and "in" and "an" are German words as well
        String words = OPTION.matcher(PATH.matcher(text).replaceAll(" ")).replaceAll(" ").replaceAll("\\b(in|an)\\b", " ");
        return AppEvidenceLanguageTest.isEnglish(words);
    }

    private static final java.util.regex.Pattern PATH = java.util.regex.Pattern.compile("\\S*/\\S*");
    private static final java.util.regex.Pattern OPTION = java.util.regex.Pattern.compile("\\b[A-Za-z]+ (yes|no)\\b");
}
