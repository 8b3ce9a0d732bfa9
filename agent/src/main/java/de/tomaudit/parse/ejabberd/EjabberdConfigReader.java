package de.tomaudit.parse.ejabberd;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.parse.source.ConfigSource;

import de.tomaudit.parse.yaml.RawNode;
import de.tomaudit.parse.yaml.RawYaml;
import de.tomaudit.parse.yaml.YamlException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads ejabberd.yml the way ejabberd 23.01 (yconf 1.0.15, ejabberd_config) does before validation:
 * <ol>
 *   <li>each file is parsed by fast_yaml rules ({@link FastYamlTerms}); only one YAML document is allowed;</li>
 *   <li>{@code include_config_file} (one path, a list, or a map of path to {@code allow_only}/{@code disallow}
 *       lists) is replaced in place by the included file's top-level options, recursively; a relative path
 *       is relative to ejabberd's working directory (ejabberdctl changes to the spool directory), not to
 *       the including file; an include loop or more than {@link #MAX_INCLUDE_DEPTH} levels is a problem;</li>
 *   <li>then every {@code define_macro} of the file and its includes is collected (names {@code [A-Z_0-9]+},
 *       no duplicates, no cycles), macros inside macro values are expanded, and every value (never a key)
 *       whose whole text is a macro name is replaced by the macro's value;</li>
 *   <li>the contrib modules' configuration files are read the same way, each with its own macros, and
 *       appended;</li>
 *   <li>duplicated top-level options whose values are lists or maps are concatenated (econf:group_dups);</li>
 *   <li>{@code host_config} overrides options per host, {@code append_host_config} appends to list
 *       options per host (to the host's value, else the global one).</li>
 * </ol>
 */
public final class EjabberdConfigReader {
    public static final int MAX_INCLUDE_DEPTH = 16;
    /** Values a macro expansion may produce in one file; more is refused as a macro bomb. */
    public static final int MAX_EXPANDED_VALUES = 100_000;
    private static final int MAX_VALUE_DEPTH = 200;

    private final ConfigSource source;
    private final String workingDir;
    private final List<ConfigProblem> problems = new ArrayList<>();
    private final List<String> files = new ArrayList<>();
    private final Map<String, Loc> macroLocations = new LinkedHashMap<>();

    private EjabberdConfigReader(ConfigSource source, String workingDir) {
        this.source = source;
        this.workingDir = workingDir.endsWith("/") && workingDir.length() > 1
                ? workingDir.substring(0, workingDir.length() - 1) : workingDir;
    }

    /**
     * @param mainFile   ejabberd.yml (absolute)
     * @param extraFiles configuration files of contrib modules, read after it ({@code CONTRIB_MODULES_CONF_DIR/*.yml})
     * @param workingDir ejabberd's working directory, for relative include paths (the spool directory)
     */
    public static EjabberdConfig read(String mainFile, List<String> extraFiles, String workingDir, ConfigSource source) {
        return new EjabberdConfigReader(source, workingDir).readAll(mainFile, extraFiles);
    }

    private EjabberdConfig readAll(String mainFile, List<String> extraFiles) {
        List<Option> options = new ArrayList<>();
        List<String> units = new ArrayList<>();
        units.add(mainFile);
        units.addAll(extraFiles);
        for (String unit : units) {
            Optional<List<Option>> read = readFile(unit, new ArrayDeque<>(), null);
            if (read.isEmpty()) {
                break;
            }
            if (hasFatal()) {
                break;
            }
            Optional<List<Option>> expanded = new Macros(unit).apply(read.get());
            if (expanded.isEmpty()) {
                break;
            }
            options.addAll(expanded.get());
        }
        if (hasFatal()) {
            return new EjabberdConfig(mainFile, files, Map.of(), Map.of(), List.of(), macroLocations, problems);
        }
        List<Option> grouped = groupDuplicates(options);
        Map<String, Option> global = new LinkedHashMap<>();
        List<Option> hostConfig = new ArrayList<>();
        List<Option> appendHostConfig = new ArrayList<>();
        for (Option o : grouped) {
            switch (o.key()) {
                case "host_config" -> hostConfig.add(o);
                case "append_host_config" -> appendHostConfig.add(o);
                default -> {
                    Option before = global.put(o.key(), o);
                    if (before != null) {
                        problems.add(new ConfigProblem(o.keyLoc(), AuditTexts.get("evidence.ejabberd.option-twice", o.key(),
                                String.valueOf(before.keyLoc())),
                                false));
                    }
                }
            }
        }
        List<String> hosts = hosts(global.get("hosts"));
        Map<String, Map<String, Option>> perHost = hostConfig(hostConfig, global);
        appendHostConfig(appendHostConfig, global, perHost);
        return new EjabberdConfig(mainFile, files, global, perHost, hosts, macroLocations, problems);
    }

    private boolean hasFatal() {
        return problems.stream().anyMatch(ConfigProblem::fatal);
    }

    private void fatal(Loc where, String message) {
        problems.add(new ConfigProblem(where, message, true));
    }

    private void warn(Loc where, String message) {
        problems.add(new ConfigProblem(where, message, false));
    }

    // --- files and includes ---------------------------------------------------------------------------

    /** The top-level options of a file with its includes expanded, or empty after a fatal problem. */
    private Optional<List<Option>> readFile(String path, Deque<String> chain, Loc includedAt) {
        Loc fileLoc = includedAt == null ? new Loc(path, 0) : includedAt;
        String text;
        try {
            text = source.read(path);
        } catch (ConfigSource.SourceException e) {
            fatal(fileLoc, (includedAt == null ? "" : AuditTexts.get("parse.included-file", path) + ": ") + e.getMessage());
            return Optional.empty();
        }
        files.add(path);
        List<RawNode> documents;
        try {
            documents = RawYaml.parseAll(path, text);
        } catch (YamlException e) {
            fatal(new Loc(path, e.line()), e.getMessage().substring(e.getMessage().indexOf(": ") + 2));
            return Optional.empty();
        }
        if (documents.isEmpty()) {
            return Optional.of(List.of());
        }
        if (documents.size() > 1) {
            fatal(new Loc(path, documents.get(1).line()), AuditTexts.get("parse.ejabberd.second-document", ""));
            return Optional.empty();
        }
        Optional<EjValue> root = new FastYamlTerms(path, problems).convert(documents.get(0));
        if (root.isEmpty()) {
            return Optional.empty();
        }
        if (!(root.get() instanceof EjValue.Mapping) && !root.get().items().isEmpty()) {
            if (root.get() instanceof EjValue.Scalar s && s.text().isEmpty()) {
                return Optional.of(List.of());
            }
            fatal(root.get().loc(), AuditTexts.get("parse.ejabberd.top-level"));
            return Optional.empty();
        }
        List<Option> out = new ArrayList<>();
        chain.push(normalise(path));
        try {
            for (EjValue.Entry e : root.get().entries()) {
                if (!e.key().text().equals("include_config_file")) {
                    out.add(new Option(e.key().text(), e.key().loc(), e.value()));
                    continue;
                }
                Optional<List<Include>> includes = includes(e.value());
                if (includes.isEmpty()) {
                    return Optional.empty();
                }
                for (Include inc : includes.get()) {
                    Optional<List<Option>> included = include(inc, chain);
                    if (included.isEmpty()) {
                        return Optional.empty();
                    }
                    for (Option o : included.get()) {
                        if (inc.keeps(o.key())) {
                            out.add(o);
                        }
                    }
                }
            }
        } finally {
            chain.pop();
        }
        return Optional.of(out);
    }

    private Optional<List<Option>> include(Include inc, Deque<String> chain) {
        String resolved = tidy(inc.path().startsWith("/") ? inc.path() : workingDir + "/" + inc.path());
        String normal = normalise(resolved);
        if (chain.contains(normal)) {
            fatal(inc.at(), AuditTexts.get("parse.include-loop", resolved) + " (" + String.join(" <- ", chain) + ")");
            return Optional.empty();
        }
        if (chain.size() >= MAX_INCLUDE_DEPTH) {
            fatal(inc.at(), AuditTexts.get("parse.include-depth", MAX_INCLUDE_DEPTH, resolved));
            return Optional.empty();
        }
        return readFile(resolved, chain, inc.at());
    }

    /** One file named by include_config_file and the options it may contribute. */
    private record Include(String path, Loc at, Set<String> allowOnly, Set<String> disallow) {
        boolean keeps(String option) {
            return allowOnly.isEmpty() ? !disallow.contains(option) : allowOnly.contains(option);
        }
    }

    /** yconf: either(list_or_single(path()), map(path(), options(#{disallow, allow_only}))). */
    private Optional<List<Include>> includes(EjValue value) {
        List<Include> out = new ArrayList<>();
        if (value instanceof EjValue.Mapping m && !m.entries().isEmpty()) {
            for (EjValue.Entry e : m.entries()) {
                Set<String> allowOnly = new LinkedHashSet<>();
                Set<String> disallow = new LinkedHashSet<>();
                for (EjValue.Entry opt : e.value().entries()) {
                    String name = opt.key().text();
                    if (!name.equals("allow_only") && !name.equals("disallow")) {
                        fatal(opt.key().loc(), AuditTexts.get("parse.ejabberd.include-option", name));
                        return Optional.empty();
                    }
                    Set<String> into = name.equals("allow_only") ? allowOnly : disallow;
                    for (EjValue item : opt.value().items()) {
                        if (!(item instanceof EjValue.Scalar s) || s.isNumber()) {
                            fatal(item.loc(), AuditTexts.get("parse.ejabberd.include-list", name));
                            return Optional.empty();
                        }
                        into.add(s.text());
                    }
                }
                if (!(e.value() instanceof EjValue.Mapping) && !e.value().items().isEmpty()) {
                    fatal(e.value().loc(), AuditTexts.get("parse.ejabberd.include-map", e.key().text()));
                    return Optional.empty();
                }
                if (!path(e.key(), out, allowOnly, disallow)) {
                    return Optional.empty();
                }
            }
            return Optional.of(out);
        }
        for (EjValue item : value.items()) {
            if (!(item instanceof EjValue.Scalar s) || !path(s, out, Set.of(), Set.of())) {
                if (!(item instanceof EjValue.Scalar)) {
                    fatal(item.loc(), AuditTexts.get("parse.ejabberd.include-value"));
                }
                return Optional.empty();
            }
        }
        return Optional.of(out);
    }

    private boolean path(EjValue.Scalar s, List<Include> out, Set<String> allowOnly, Set<String> disallow) {
        if (s.isNumber() || s.text().isEmpty()) {
            fatal(s.loc(), AuditTexts.get("parse.ejabberd.include-not-file"));
            return false;
        }
        out.add(new Include(s.text(), s.loc(), Set.copyOf(allowOnly), Set.copyOf(disallow)));
        return true;
    }

    /** Drops {@code .} components and repeated slashes (what the file system ignores anyway); keeps {@code ..}. */
    static String tidy(String path) {
        String t = path.replaceAll("/+", "/").replace("/./", "/");
        while (t.contains("/./")) {
            t = t.replace("/./", "/");
        }
        return t.endsWith("/.") ? t.substring(0, t.length() - 2) : t;
    }

    /** Collapses {@code .}, {@code ..} and repeated slashes, for loop detection. */
    static String normalise(String path) {
        Deque<String> parts = new ArrayDeque<>();
        for (String p : path.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(p);
            }
        }
        return "/" + String.join("/", parts);
    }

    // --- macros -------------------------------------------------------------------------------------------

    /** The macros of one parse unit (a file with its includes). */
    private final class Macros {
        private final String unit;
        private final Map<String, EjValue> defined = new LinkedHashMap<>();
        private final Map<String, Loc> where = new LinkedHashMap<>();
        private final Map<String, EjValue> expanded = new LinkedHashMap<>();
        private final Map<EjValue, Integer> sizes = new java.util.IdentityHashMap<>();
        private int produced;

        Macros(String unit) {
            this.unit = unit;
        }

        Optional<List<Option>> apply(List<Option> options) {
            List<Option> rest = new ArrayList<>();
            for (Option o : options) {
                if (!o.key().equals("define_macro")) {
                    rest.add(o);
                    continue;
                }
                if (!(o.value() instanceof EjValue.Mapping) && !o.value().items().isEmpty()) {
                    fatal(o.value().loc(), AuditTexts.get("parse.ejabberd.macro-map"));
                    return Optional.empty();
                }
                for (EjValue.Entry e : o.value().entries()) {
                    String name = e.key().text();
                    if (e.key().isNumber() || !name.matches("[A-Z_0-9]+")) {
                        fatal(e.key().loc(), AuditTexts.get("parse.ejabberd.macro-name", name));
                        return Optional.empty();
                    }
                    if (defined.containsKey(name)) {
                        fatal(e.key().loc(), AuditTexts.get("parse.ejabberd.macro-twice", name, String.valueOf(where.get(name))));
                        return Optional.empty();
                    }
                    defined.put(name, e.value());
                    where.put(name, e.key().loc());
                }
            }
            if (defined.isEmpty()) {
                return Optional.of(rest);
            }
            try {
                for (String name : defined.keySet()) {
                    EjValue value = expand(defined.get(name), new ArrayDeque<>(), 0);
                    if (size(value) > MAX_EXPANDED_VALUES) {
                        throw new MacroFailure(where.get(name), AuditTexts.get("parse.ejabberd.macro-expands", name, MAX_EXPANDED_VALUES));
                    }
                    expanded.put(name, value);
                }
                List<Option> out = new ArrayList<>(rest.size());
                for (Option o : rest) {
                    if (defined.containsKey(o.key())) {
                        keyWarning(o.key(), o.keyLoc());
                    }
                    out.add(new Option(o.key(), o.keyLoc(), substitute(o.value(), 0)));
                }
                macroLocations.putAll(where);
                return Optional.of(out);
            } catch (MacroFailure f) {
                fatal(f.where, f.getMessage());
                return Optional.empty();
            }
        }

        /** The value with every macro use inside it replaced, recursively; cycles fail. */
        private EjValue expand(EjValue v, Deque<String> path, int depth) {
            if (depth > MAX_VALUE_DEPTH) {
                throw new MacroFailure(v.loc(), AuditTexts.get("parse.ejabberd.macros-deep", MAX_VALUE_DEPTH));
            }
            if (++produced > MAX_EXPANDED_VALUES) {
                throw new MacroFailure(v.where(), AuditTexts.get("parse.ejabberd.macro-expansion", String.valueOf(unit), MAX_EXPANDED_VALUES));
            }
            if (v instanceof EjValue.Scalar s) {
                if (s.isNumber() || !defined.containsKey(s.text())) {
                    return s;
                }
                String name = s.text();
                if (path.contains(name)) {
                    throw new MacroFailure(s.loc(), AuditTexts.get("parse.ejabberd.macro-itself", name, String.join(" -> ", path) + " -> " + name));
                }
                path.push(name);
                EjValue inner = expanded.containsKey(name) ? expanded.get(name) : expand(defined.get(name), path, depth + 1);
                path.pop();
                return inner.viaMacro(new EjValue.MacroUse(name, s.loc(), where.get(name)));
            }
            if (v instanceof EjValue.Sequence seq) {
                List<EjValue> items = new ArrayList<>(seq.items().size());
                for (EjValue i : seq.items()) {
                    items.add(expand(i, path, depth + 1));
                }
                return new EjValue.Sequence(items, seq.loc(), seq.macro());
            }
            EjValue.Mapping m = (EjValue.Mapping) v;
            List<EjValue.Entry> entries = new ArrayList<>(m.entries().size());
            for (EjValue.Entry e : m.entries()) {
                entries.add(new EjValue.Entry(e.key(), expand(e.value(), path, depth + 1)));
            }
            return new EjValue.Mapping(entries, m.loc(), m.macro());
        }

        private EjValue substitute(EjValue v, int depth) {
            if (v instanceof EjValue.Scalar s) {
                if (s.isNumber() || !expanded.containsKey(s.text())) {
                    return s;
                }
                produced += size(expanded.get(s.text()));
                if (produced > MAX_EXPANDED_VALUES) {
                    throw new MacroFailure(s.loc(), AuditTexts.get("parse.ejabberd.macro-uses", String.valueOf(unit), MAX_EXPANDED_VALUES));
                }
                return expanded.get(s.text()).viaMacro(new EjValue.MacroUse(s.text(), s.loc(), where.get(s.text())));
            }
            if (depth > MAX_VALUE_DEPTH) {
                throw new MacroFailure(v.loc(), AuditTexts.get("parse.ejabberd.values-deep", MAX_VALUE_DEPTH));
            }
            if (v instanceof EjValue.Sequence seq) {
                List<EjValue> items = new ArrayList<>(seq.items().size());
                for (EjValue i : seq.items()) {
                    items.add(substitute(i, depth + 1));
                }
                return new EjValue.Sequence(items, seq.loc(), seq.macro());
            }
            EjValue.Mapping m = (EjValue.Mapping) v;
            List<EjValue.Entry> entries = new ArrayList<>(m.entries().size());
            for (EjValue.Entry e : m.entries()) {
                if (defined.containsKey(e.key().text())) {
                    keyWarning(e.key().text(), e.key().loc());
                }
                entries.add(new EjValue.Entry(e.key(), substitute(e.value(), depth + 1)));
            }
            return new EjValue.Mapping(entries, m.loc(), m.macro());
        }

        /** Values in v counted as ejabberd would hold them (shared sub-values counted each time), capped. */
        private int size(EjValue v) {
            Integer known = sizes.get(v);
            if (known != null) {
                return known;
            }
            long n = 1;
            if (v instanceof EjValue.Sequence seq) {
                for (EjValue i : seq.items()) {
                    n += size(i);
                    if (n > MAX_EXPANDED_VALUES) {
                        break;
                    }
                }
            } else if (v instanceof EjValue.Mapping m) {
                for (EjValue.Entry e : m.entries()) {
                    n += 1 + size(e.value());
                    if (n > MAX_EXPANDED_VALUES) {
                        break;
                    }
                }
            }
            int capped = (int) Math.min(n, MAX_EXPANDED_VALUES + 1L);
            sizes.put(v, capped);
            return capped;
        }

        private void keyWarning(String name, Loc at) {
            warn(at, AuditTexts.get("parse.ejabberd.macro-key", name, String.valueOf(where.get(name))));
        }
    }

    private static final class MacroFailure extends RuntimeException {
        private final transient Loc where;

        MacroFailure(Loc where, String message) {
            super(message, null, false, false);
            this.where = where;
        }
    }

    // --- grouping, hosts, host_config -----------------------------------------------------------------

    /** econf:group_dups: a later option with a list value is appended to an earlier one with a list value. */
    private List<Option> groupDuplicates(List<Option> options) {
        List<Option> out = new ArrayList<>(options.size());
        Map<String, Integer> listIndex = new LinkedHashMap<>();
        for (Option o : options) {
            Integer i = o.value().isList() ? listIndex.get(o.key()) : null;
            if (i != null) {
                Option first = out.get(i);
                Optional<EjValue> joined = concat(first.value(), o.value(), o.keyLoc());
                if (joined.isPresent()) {
                    out.set(i, new Option(o.key(), first.keyLoc(), joined.get()));
                    continue;
                }
            }
            if (o.value().isList() && !listIndex.containsKey(o.key())) {
                listIndex.put(o.key(), out.size());
            }
            out.add(o);
        }
        return out;
    }

    private Optional<EjValue> concat(EjValue a, EjValue b, Loc at) {
        if (a.items().isEmpty() && !(a instanceof EjValue.Scalar)) {
            return Optional.of(b);
        }
        if (b.items().isEmpty() && !(b instanceof EjValue.Scalar)) {
            return Optional.of(a);
        }
        if (a instanceof EjValue.Mapping ma && b instanceof EjValue.Mapping mb) {
            List<EjValue.Entry> all = new ArrayList<>(ma.entries());
            all.addAll(mb.entries());
            return Optional.of(new EjValue.Mapping(all, ma.loc(), ma.macro()));
        }
        if (a instanceof EjValue.Sequence sa && b instanceof EjValue.Sequence sb) {
            List<EjValue> all = new ArrayList<>(sa.items());
            all.addAll(sb.items());
            return Optional.of(new EjValue.Sequence(all, sa.loc(), sa.macro()));
        }
        warn(at, AuditTexts.get("parse.ejabberd.map-and-list", String.valueOf(a.where())));
        return Optional.of(a);
    }

    private List<String> hosts(Option hosts) {
        if (hosts == null) {
            warn(new Loc(files.isEmpty() ? "" : files.get(0), 0), AuditTexts.get("parse.ejabberd.no-hosts", ""));
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (EjValue v : hosts.value().items()) {
            v.scalarText().ifPresentOrElse(out::add, () -> warn(v.loc(), AuditTexts.get("parse.ejabberd.hosts-domain")));
        }
        return out;
    }

    private Map<String, Map<String, Option>> hostConfig(List<Option> entries, Map<String, Option> global) {
        Map<String, Map<String, Option>> out = new LinkedHashMap<>();
        for (Option hc : entries) {
            for (EjValue.Entry host : hostEntries(hc)) {
                Map<String, Option> opts = out.computeIfAbsent(host.key().text(), k -> new LinkedHashMap<>());
                for (EjValue.Entry opt : host.value().entries()) {
                    opts.put(opt.key().text(), new Option(opt.key().text(), opt.key().loc(), opt.value()));
                }
            }
        }
        return out;
    }

    private void appendHostConfig(List<Option> entries, Map<String, Option> global, Map<String, Map<String, Option>> perHost) {
        for (Option ahc : entries) {
            for (EjValue.Entry host : hostEntries(ahc)) {
                Map<String, Option> opts = perHost.computeIfAbsent(host.key().text(), k -> new LinkedHashMap<>());
                for (EjValue.Entry opt : host.value().entries()) {
                    String key = opt.key().text();
                    if (!opt.value().isList()) {
                        warn(opt.key().loc(), AuditTexts.get("parse.ejabberd.append-not-list", key));
                        continue;
                    }
                    Option base = opts.containsKey(key) ? opts.get(key) : global.get(key);
                    EjValue joined = base == null ? opt.value() : concat(base.value(), opt.value(), opt.key().loc()).orElse(opt.value());
                    opts.put(key, new Option(key, opt.key().loc(), joined));
                }
            }
        }
    }

    private List<EjValue.Entry> hostEntries(Option o) {
        if (!(o.value() instanceof EjValue.Mapping) && !o.value().items().isEmpty()) {
            warn(o.value().loc(), AuditTexts.get("parse.ejabberd.host-map", o.key()));
            return List.of();
        }
        List<EjValue.Entry> out = new ArrayList<>();
        for (EjValue.Entry e : o.value().entries()) {
            if (!(e.value() instanceof EjValue.Mapping) && !e.value().items().isEmpty()) {
                warn(e.value().loc(), AuditTexts.get("parse.ejabberd.host-options", o.key(), e.key().text()));
                continue;
            }
            out.add(e);
        }
        return out;
    }
}
