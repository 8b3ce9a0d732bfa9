package de.tomaudit.rules;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.agentfile.AgentFileException;
import de.tomaudit.agentfile.AgentFiles;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Loads rule packs: the built-in ones packaged in the jar ({@code rules/}) and user folders.
 * Files under a {@code tests/} folder are rule cases, not rules. A user rule with the id of
 * a built-in one replaces it; two files with the same id in one load are refused.
 */
public final class RuleLoader {
    private static final int MAX_RULE_FILE = 256 * 1024;
    /** The list of built-in rule files, one path below {@code rules/} per line, written by the build. */
    static final String INDEX = "rules/INDEX";

    private RuleLoader() { }

    /** The built-in packs, followed by the user folders (later ids replace earlier ones). */
    public static List<Rule> load(List<Path> userDirs) throws RuleFileException {
        return load(userDirs, pack -> true);
    }

    /**
     * As {@link #load(List)}, parsing only the built-in packs (folders) {@code builtInPacks} accepts: an
     * audit whose kinds are known skips the packs it would never evaluate (parsing and compiling every
     * rule is the largest part of a small audit's CPU time). User folders are always read whole.
     */
    public static List<Rule> load(List<Path> userDirs, Predicate<String> builtInPacks) throws RuleFileException {
        Map<String, Rule> byId = new LinkedHashMap<>();
        for (Rule r : builtIn(builtInPacks)) {
            byId.put(r.id(), r);
        }
        for (Path dir : userDirs) {
            for (Rule r : loadDirectory(dir)) {
                byId.put(r.id(), r);
            }
        }
        return List.copyOf(byId.values());
    }

    /** The rules of the user folders, each read and compiled now (later ids replace earlier ones). */
    public static List<Rule> loadUserFolders(List<Path> userDirs) throws RuleFileException {
        Map<String, Rule> byId = new LinkedHashMap<>();
        for (Path dir : userDirs) {
            for (Rule r : loadDirectory(dir)) {
                byId.put(r.id(), r);
            }
        }
        return List.copyOf(byId.values());
    }

    /**
     * The built-in rules of the packs {@code builtInPacks} accepts, then {@code userRules} (read by
     * {@link #loadUserFolders}), a user rule replacing the built-in one of its id; every expression
     * compiled. An audit runs this on a thread of its own ({@link PendingRules}).
     */
    public static List<Rule> withBuiltIn(Predicate<String> builtInPacks, List<Rule> userRules) throws RuleFileException {
        Map<String, Rule> byId = new LinkedHashMap<>();
        for (Rule r : builtIn(builtInPacks)) {
            byId.put(r.id(), r);
        }
        for (Rule r : userRules) {
            byId.put(r.id(), r);
        }
        List<Rule> rules = List.copyOf(byId.values());
        precompile(rules);
        return rules;
    }

    public static List<Rule> loadBuiltIn() throws RuleFileException {
        return builtIn(pack -> true);
    }

    /**
     * The built-in rules of the packs {@code packs} accepts. The build lists the rule files in
     * {@code rules/INDEX}; they are read through the class loader, whose jar is open already. Opening
     * the jar a second time as a zip file system (its 35,000 entries) cost more than reading the rules.
     * Without the index (a build that skipped it), the folder is walked as before.
     */
    private static List<Rule> builtIn(Predicate<String> packs) throws RuleFileException {
        ClassLoader loader = RuleLoader.class.getClassLoader();
        List<String> index;
        try (InputStream in = loader.getResourceAsStream(INDEX)) {
            if (in == null) {
                return withBuiltInRoot(root -> loadTree(root, packs));
            }
            index = new String(in.readNBytes(MAX_RULE_FILE), StandardCharsets.UTF_8).lines()
                    .map(String::strip).filter(l -> !l.isEmpty()).sorted().toList();
        } catch (IOException e) {
            throw new RuleFileException("cannot read the built-in rule index " + INDEX + ": " + e.getMessage());
        }
        List<String> names = index.stream().filter(name -> {
            int slash = name.indexOf('/');
            return slash <= 0 || packs.test(name.substring(0, slash));
        }).toList();
        // parsed on two threads at once (the caller and one of the common pool's on two cores): most of
        // `rules list` is this parsing, and the files are independent; the order stays the index's
        List<Object> parsed = names.parallelStream().map(name -> {
            try {
                return (Object) parseBuiltIn(loader, name);
            } catch (RuleFileException e) {
                return e;
            }
        }).toList();
        List<Rule> rules = new ArrayList<>();
        Map<String, String> seen = new LinkedHashMap<>();
        for (Object o : parsed) {
            if (o instanceof RuleFileException e) {
                throw e;
            }
            add(rules, seen, (Rule) o, packs);
        }
        return rules;
    }

    private static Rule parseBuiltIn(ClassLoader loader, String name) throws RuleFileException {
        String display = "builtin:rules/" + name;
        String text;
        try (InputStream in = loader.getResourceAsStream("rules/" + name)) {
            if (in == null) {
                throw new RuleFileException(AuditTexts.get("input.rule.not-in-jar", display, INDEX));
            }
            byte[] bytes = in.readNBytes(MAX_RULE_FILE + 1);
            if (bytes.length > MAX_RULE_FILE) {
                throw new RuleFileException(display + ": " + AuditTexts.get("input.rule.too-large", String.valueOf(MAX_RULE_FILE)));
            }
            text = new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RuleFileException(display + ": " + e.getMessage());
        }
        return RuleParser.parse(display, text, true);
    }

    /**
     * Compiles every expression of these rules that is still deferred (condition, when, grades, why
     * templates, evidence filters). An audit runs it on a thread of its own while its collectors work;
     * evaluation would otherwise compile each on first use.
     */
    public static void precompile(List<Rule> rules) {
        for (Rule r : rules) {
            r.when().ifPresent(Condition::compile);
            r.condition().compile();
            r.grades().forEach(g -> g.when().compile());
            r.evidenceWhere().values().forEach(Condition::compile);
            for (Why w : r.why()) {
                w.when().ifPresent(Condition::compile);
                w.en().references();
                w.de().references();
            }
        }
    }

    private static void add(List<Rule> rules, Map<String, String> seen, Rule r, Predicate<String> packs)
            throws RuleFileException {
        if (!packs.test(r.pack())) {
            return;
        }
        String before = seen.put(r.id(), r.source());
        if (before != null) {
            throw new RuleFileException(r.source() + ": " + AuditTexts.get("input.rule.duplicate", r.id(), before));
        }
        rules.add(r);
    }

    /** Runs the action on the built-in rules folder, in the jar or in target/classes. */
    public static <T> T withBuiltInRoot(PathAction<T> action) throws RuleFileException {
        URL url = RuleLoader.class.getClassLoader().getResource("rules");
        if (url == null) {
            throw new RuleFileException("the built-in rule packs are missing from the jar (rules/)");
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem fs;
                try {
                    fs = FileSystems.getFileSystem(uri);
                } catch (FileSystemNotFoundException e) {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                }
                return action.apply(fs.getPath("/rules"));
            }
            return action.apply(Path.of(uri));
        } catch (URISyntaxException | IOException e) {
            throw new RuleFileException("cannot read the built-in rule packs: " + e.getMessage());
        }
    }

    /** A functional step over a folder that may fail with a rule file error. */
    @FunctionalInterface
    public interface PathAction<T> {
        T apply(Path root) throws RuleFileException, IOException;
    }

    public static List<Rule> loadDirectory(Path dir) throws RuleFileException {
        if (!Files.isDirectory(dir)) {
            throw new RuleFileException(dir + ": " + AuditTexts.get("input.rule.not-a-directory"));
        }
        try {
            List<Rule> rules = loadTree(dir, pack -> true);
            if (rules.isEmpty()) {
                throw new RuleFileException(dir + ": " + AuditTexts.get("input.rule.no-files"));
            }
            return rules;
        } catch (IOException e) {
            throw new RuleFileException(dir + ": " + e.getMessage());
        }
    }

    private static List<Rule> loadTree(Path root) throws IOException, RuleFileException {
        return loadTree(root, pack -> true);
    }

    private static List<Rule> loadTree(Path root, Predicate<String> packs) throws IOException, RuleFileException {
        List<Rule> rules = new ArrayList<>();
        Map<String, String> seen = new LinkedHashMap<>();
        for (Path file : yamlFiles(root, false)) {
            Path rel = root.relativize(file);
            if (rel.getNameCount() > 1 && !packs.test(rel.getName(0).toString())) {
                continue;
            }
            add(rules, seen, RuleParser.parse(display(file), readText(file)), packs);
        }
        return rules;
    }

    /** YAML files below root, sorted; {@code tests} selects the rule-case files instead of rules. */
    public static List<Path> yamlFiles(Path root, boolean tests) throws IOException {
        try (Stream<Path> s = Files.walk(root, 8)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> {
                        String n = p.getFileName().toString();
                        return n.endsWith(".yaml") || n.endsWith(".yml");
                    })
                    .filter(p -> inTests(root, p) == tests)
                    .sorted(Comparator.comparing(Path::toString))
                    .toList();
        }
    }

    private static boolean inTests(Path root, Path p) {
        for (Path part : root.relativize(p)) {
            if (part.toString().equals("tests")) {
                return true;
            }
        }
        return false;
    }

    static String readText(Path file) throws RuleFileException, IOException {
        try {
            return AgentFiles.read(file, AuditTexts.get("input.what.rule"), MAX_RULE_FILE);
        } catch (AgentFileException e) {
            throw new RuleFileException(display(file) + ": " + e.getMessage().substring(e.getMessage().indexOf(": ") + 2));
        }
    }

    static String display(Path file) {
        String s = file.toString();
        return file.getFileSystem() == FileSystems.getDefault() ? s : "builtin:" + s.substring(1);
    }
}
