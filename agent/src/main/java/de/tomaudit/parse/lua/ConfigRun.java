package de.tomaudit.parse.lua;

import de.tomaudit.i18n.AuditTexts;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.OneArgFunction;
import org.luaj.vm2.lib.ThreeArgFunction;
import org.luaj.vm2.lib.TwoArgFunction;

/**
 * One evaluation of a Prosody configuration: the state Prosody's {@code configmanager} keeps
 * (sections and their options, the files loaded) and the sandbox around it. See
 * {@link ProsodyConfigEvaluator} for what is supported.
 */
final class ConfigRun implements OptionProxy.Store {
    private static final Pattern MESSAGE_LOCATION = Pattern.compile("^@?(.+?):(\\d+):? (.*)$", Pattern.DOTALL);
    private static final int MAX_MESSAGE = 300;

    private final ConfigSource source;
    private final SandboxLimits limits;
    private final Map<String, String> environment;
    private final String mainFile;
    private final SandboxBudget budget;
    private final SandboxHook hook;
    private final LuaTable safeGlobals;
    private final Map<String, Section> sections = new LinkedHashMap<>();
    private final List<String> files = new ArrayList<>();
    private final List<String> dataFiles = new ArrayList<>();
    private final List<ConfigProblem> warnings = new ArrayList<>();
    private final Deque<String> includeStack = new ArrayDeque<>();
    private final Set<String> envWarned = new HashSet<>();
    private final Map<String, Chunk> chunks = new LinkedHashMap<>();
    /** The chunk whose top level is running (innermost include). */
    private Chunk current;
    private int fileCount;

    ConfigRun(ConfigSource source, SandboxLimits limits, Map<String, String> environment, String mainFile) {
        this.source = source;
        this.limits = limits;
        this.environment = environment;
        this.mainFile = PathNames.normalise(mainFile);
        this.budget = new SandboxBudget(limits);
        this.hook = new SandboxHook(budget);
        this.safeGlobals = SafeGlobals.newTable();
        sections.put(ConfigSection.GLOBAL, new Section(ConfigSection.GLOBAL, ConfigSection.Kind.GLOBAL, this.mainFile, 0));
    }

    ProsodyEvaluation run() {
        SandboxBudgets.enter(budget);
        try {
            // LuaJ keeps the string metatable in a static: every evaluation sets the same read-only
            // one (never restores another), so concurrent evaluations cannot pull it from each other
            LuaString.s_metatable = SafeStringLibrary.STRING_METATABLE;
            String text = readConfig(mainFile);
            runChunk(mainFile, text);
            return ProsodyEvaluation.of(build());
        } catch (IncludeFailure e) {
            return failed(ConfigProblem.Kind.INCLUDE, e.problem.message(), e.problem.file(), e.problem.line());
        } catch (SandboxViolation v) {
            return failed(v.kind(), v.getMessage(), fileOf(hook.lastSource()), hook.lastLine());
        } catch (LuaError e) {
            return fromLuaError(e);
        } catch (StackOverflowError e) {
            return failed(ConfigProblem.Kind.CALL_DEPTH, AuditTexts.get("parse.prosody.stack-overflow"),
                    fileOf(hook.lastSource()), hook.lastLine());
        } catch (RuntimeException e) {
            return failed(ConfigProblem.Kind.RUNTIME, AuditTexts.get("parse.prosody.evaluation-failed", String.valueOf(e)), fileOf(hook.lastSource()), hook.lastLine());
        } finally {
            SandboxBudgets.leave();
        }
    }

    private ProsodyEvaluation failed(ConfigProblem.Kind kind, String message, String file, int line) {
        String f = file == null || file.isEmpty() ? mainFile : file;
        return ProsodyEvaluation.failed(new ConfigProblem(kind, shorten(message), f, line), files);
    }

    /** Syntax and runtime errors: LuaJ prefixes the message with the chunk name and line. */
    private ProsodyEvaluation fromLuaError(LuaError e) {
        String message = e.getMessage() == null ? "error" : e.getMessage();
        ConfigProblem.Kind kind = e instanceof SyntaxFailure ? ConfigProblem.Kind.SYNTAX : ConfigProblem.Kind.RUNTIME;
        Matcher m = MESSAGE_LOCATION.matcher(message);
        if (m.matches()) {
            String rest = m.group(3);
            Matcher inner = MESSAGE_LOCATION.matcher(rest);
            if (inner.matches() && inner.group(1).equals(m.group(1))) {
                rest = inner.group(3);
            }
            return failed(kind, rest, m.group(1), Integer.parseInt(m.group(2)));
        }
        return failed(kind, message, fileOf(hook.lastSource()), hook.lastLine());
    }

    private static String fileOf(String chunkName) {
        return chunkName.startsWith("@") ? chunkName.substring(1) : chunkName;
    }

    private static String shorten(String message) {
        String m = message.replace('\n', ' ').strip();
        return m.length() > MAX_MESSAGE ? m.substring(0, MAX_MESSAGE) + "…" : m;
    }

    // ---------------------------------------------------------------- files and chunks

    private String readConfig(String path) {
        countFile(path);
        try {
            return source.read(path);
        } catch (ConfigSourceException e) {
            throw new IncludeFailure(new ConfigProblem(ConfigProblem.Kind.INCLUDE, e.getMessage(),
                    includeStack.isEmpty() ? path : current.file, includeStack.isEmpty() ? 0 : currentLine()));
        }
    }

    private void countFile(String path) {
        if (++fileCount > limits.maxFiles()) {
            throw new SandboxViolation(ConfigProblem.Kind.INCLUDE, "more than " + limits.maxFiles()
                    + " files included or read: " + path);
        }
    }

    private void runChunk(String file, String text) {
        Prototype proto;
        try {
            proto = LuaC.instance.compile(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "@" + file);
        } catch (LuaError e) {
            throw new SyntaxFailure(e.getMessage());
        } catch (IOException e) {
            throw new SyntaxFailure("@" + file + ":0: " + e.getMessage());
        }
        Chunk chunk = new Chunk(file, text);
        Chunk outer = current;
        current = chunk;
        includeStack.push(file);
        files.add(file);
        try {
            new LuaClosure(proto, chunk.env).call();
        } finally {
            includeStack.pop();
            current = outer;
        }
    }

    // ---------------------------------------------------------------- the config environment

    /** One file's environment and scope, as Prosody's {@code parser.load} makes per file. */
    private final class Chunk {
        final String file;
        final LuaString chunkName;
        final String dir;
        final String[] lines;
        final String text;
        private List<TableLines.Token> tokens;
        final Globals env = new Globals();
        final Set<String> setHere = new HashSet<>();
        String host = ConfigSection.GLOBAL;
        int lastStoreLine;

        Chunk(String file, String text) {
            this.file = file;
            this.chunkName = LuaString.valueOf("@" + file);
            this.dir = PathNames.parent(file);
            this.lines = text.split("\n", -1);
            this.text = text;
            env.debuglib = hook;
            LuaValue virtualHost = new OneArgFunction() {
                @Override
                public LuaValue call(LuaValue name) {
                    return virtualHost(Chunk.this, name);
                }
            };
            LuaValue component = new OneArgFunction() {
                @Override
                public LuaValue call(LuaValue name) {
                    return component(Chunk.this, name);
                }
            };
            LuaValue include = new OneArgFunction() {
                @Override
                public LuaValue call(LuaValue path) {
                    include(Chunk.this, path.checkjstring());
                    return NIL;
                }
            };
            env.rawset("VirtualHost", virtualHost);
            env.rawset("Host", virtualHost);
            env.rawset("host", virtualHost);
            env.rawset("Component", component);
            env.rawset("component", component);
            env.rawset("Include", include);
            env.rawset("include", include);
            env.rawset("FileContents", new TwoArgFunction() {
                @Override
                public LuaValue call(LuaValue path, LuaValue mode) {
                    String text = readData(Chunk.this, path.checkjstring());
                    if (mode.isstring() && mode.tojstring().startsWith("*l")) {
                        return valueOf(firstLine(text));
                    }
                    return valueOf(text);
                }
            });
            env.rawset("FileLine", new OneArgFunction() {
                @Override
                public LuaValue call(LuaValue path) {
                    return valueOf(firstLine(readData(Chunk.this, path.checkjstring())));
                }
            });
            env.rawset("FileLines", new OneArgFunction() {
                @Override
                public LuaValue call(LuaValue path) {
                    String text = readData(Chunk.this, path.checkjstring());
                    LuaTable t = new LuaTable();
                    if (!text.isEmpty()) {
                        String[] parts = text.split("\n", -1);
                        int n = text.endsWith("\n") ? parts.length - 1 : parts.length;
                        for (int i = 0; i < n; i++) {
                            t.rawset(i + 1, valueOf(parts[i]));
                        }
                    }
                    return t;
                }
            });
            env.rawset("Credential", new OneArgFunction() {
                @Override
                public LuaValue call(LuaValue name) {
                    warn(Chunk.this, "Credential(\"" + name.optjstring("") + "\") is read from $CREDENTIALS_DIRECTORY"
                            + " when Prosody starts: unknown to the audit, treated as nil");
                    return NIL;
                }
            });
            env.rawset("RunScript", new OneArgFunction() {
                @Override
                public LuaValue call(LuaValue path) {
                    throw new SandboxViolation(ConfigProblem.Kind.FORBIDDEN,
                            "RunScript runs arbitrary Lua code: not evaluated by the audit");
                }
            });
            LuaTable meta = new LuaTable();
            meta.rawset("__index", new TwoArgFunction() {
                @Override
                public LuaValue call(LuaValue self, LuaValue key) {
                    return lookup(Chunk.this, key);
                }
            });
            meta.rawset("__newindex", new ThreeArgFunction() {
                @Override
                public LuaValue call(LuaValue self, LuaValue key, LuaValue value) {
                    assign(Chunk.this, key, value);
                    return NIL;
                }
            });
            env.setmetatable(meta);
        }
    }

    /** The file's tokens, read once on first use. */
    private static List<TableLines.Token> tokens(Chunk chunk) {
        if (chunk.tokens == null) {
            chunk.tokens = TableLines.tokenize(chunk.text);
        }
        return chunk.tokens;
    }

    private LuaValue lookup(Chunk chunk, LuaValue key) {
        if (!key.isstring()) {
            return LuaValue.NIL;
        }
        String name = key.tojstring();
        if (name.startsWith("ENV_")) {
            String value = environment.get(name.substring(4));
            if (value == null && envWarned.add(name)) {
                warn(chunk, name + " reads Prosody's environment variable " + name.substring(4)
                        + ", unknown to the audit: treated as unset");
            }
            return value == null ? LuaValue.NIL : LuaValue.valueOf(value);
        }
        if (SafeGlobals.DENIED.contains(name)) {
            throw new SandboxViolation(ConfigProblem.Kind.FORBIDDEN, AuditTexts.get("evidence.prosody.forbidden", name));
        }
        LuaValue own = raw(chunk.host, name);
        if (!own.isnil()) {
            return own.istable() ? new OptionProxy(this, chunk.host, name) : own;
        }
        return safeGlobals.rawget(key);
    }

    private void assign(Chunk chunk, LuaValue key, LuaValue value) {
        String name = key.isstring() ? key.tojstring() : key.tojstring();
        int storeLine = currentLine(chunk);
        int line = statementLine(chunk, name, storeLine);
        chunk.lastStoreLine = storeLine;
        if (!chunk.setHere.add(chunk.host + "/" + name)) {
            warnings.add(new ConfigProblem(ConfigProblem.Kind.WARNING, chunk.host.equals(ConfigSection.GLOBAL)
                    ? AuditTexts.get("parse.prosody.duplicate", name) : AuditTexts.get("parse.prosody.duplicate-in", name, chunk.host), chunk.file, line));
        }
        ValueLayout layout = key.isstring() ? TableLines.ofStatement(tokens(chunk), line, name) : ValueLayout.COMPUTED;
        set(chunk.host, name, value, chunk.file, line, layout);
    }

    @Override
    public LuaValue raw(String host, String option) {
        Section s = sections.get(host);
        RawOption o = s == null ? null : s.options.get(option);
        return o == null ? LuaValue.NIL : o.value;
    }

    @Override
    public void set(String host, String option, LuaValue value) {
        Chunk chunk = current;
        if (chunk == null) {
            set(host, option, value, mainFile, 0, ValueLayout.UNKNOWN);
            return;
        }
        int storeLine = currentLine(chunk);
        int line = statementLine(chunk, APPEND_FORM.apply(option), storeLine);
        chunk.lastStoreLine = storeLine;
        Section s = sections.get(host);
        RawOption before = s == null ? null : s.options.get(option);
        ValueLayout added = TableLines.ofStatement(tokens(chunk), line, option);
        set(host, option, value, chunk.file, line, before == null ? added : before.layout.append(added));
    }

    /** {@code name:append{…}}, {@code name {…}}: the forms of Prosody 13 that change a table option. */
    private static final java.util.function.Function<String, Pattern> APPEND_FORM = name ->
            Pattern.compile("(?:^|[;\\s)])" + Pattern.quote(name) + "\\s*(?::\\s*append\\s*)?[({\"']");

    private void set(String host, String option, LuaValue value, String file, int line, ValueLayout layout) {
        Section s = sections.computeIfAbsent(host, h -> new Section(h, ConfigSection.Kind.VIRTUAL_HOST, file, line));
        if (value.isnil()) {
            s.options.remove(option);
        } else {
            s.options.put(option, new RawOption(value, file, line, layout));
        }
    }

    private LuaValue virtualHost(Chunk chunk, LuaValue nameValue) {
        String host = hostName(nameValue, "Host");
        int line = currentLine(chunk);
        Section existing = sections.get(host);
        if (existing != null && existing.kind == ConfigSection.Kind.COMPONENT) {
            throw new LuaError("Host \"" + host + "\" clashes with previously defined Component \"" + host
                    + "\", for services use a sub-domain like conference." + host);
        }
        if (existing == null) {
            sections.put(host, new Section(host, ConfigSection.Kind.VIRTUAL_HOST, chunk.file, line));
        }
        chunk.host = host;
        chunk.lastStoreLine = line;
        return new OneArgFunction() {
            @Override
            public LuaValue call(LuaValue options) {
                chunk.host = ConfigSection.GLOBAL;
                if (options.isstring()) {
                    throw new LuaError("VirtualHost entries do not accept a module name (module '"
                            + options.tojstring() + "' provided for host '" + host + "')");
                }
                if (!options.istable()) {
                    throw new LuaError("Invalid syntax following VirtualHost, expected options but received a "
                            + options.typename());
                }
                setAll(chunk, host, options.checktable(), line);
                return NIL;
            }
        };
    }

    private LuaValue component(Chunk chunk, LuaValue nameValue) {
        String host = hostName(nameValue, "Component");
        int line = currentLine(chunk);
        Section existing = sections.get(host);
        if (existing != null && existing.kind == ConfigSection.Kind.VIRTUAL_HOST) {
            throw new LuaError("Component \"" + host + "\" clashes with previously defined VirtualHost \"" + host
                    + "\", for services use a sub-domain like conference." + host);
        }
        Section s = existing != null ? existing : new Section(host, ConfigSection.Kind.COMPONENT, chunk.file, line);
        sections.put(host, s);
        s.module = "component";
        chunk.host = host;
        chunk.lastStoreLine = line;
        LuaValue handleOptions = new OneArgFunction() {
            @Override
            public LuaValue call(LuaValue options) {
                chunk.host = ConfigSection.GLOBAL;
                if (options.istable()) {
                    setAll(chunk, host, options.checktable(), line);
                }
                return NIL;
            }
        };
        return new OneArgFunction() {
            @Override
            public LuaValue call(LuaValue module) {
                if (module.isstring()) {
                    s.module = module.tojstring();
                    return handleOptions;
                }
                return handleOptions.call(module);
            }
        };
    }

    /** A VirtualHost's or Component's options given as a table after its name, on {@code line} and after. */
    private void setAll(Chunk chunk, String host, LuaTable options, int line) {
        ValueLayout layout = TableLines.ofTableFrom(tokens(chunk), line);
        LuaValue k = LuaValue.NIL;
        while (true) {
            Varargs n = options.next(k);
            k = n.arg1();
            if (k.isnil()) {
                return;
            }
            if (k.isstring() && !k.isnumber()) {
                String name = k.tojstring();
                int at = layout.line(List.of(name));
                set(host, name, n.arg(2), chunk.file, at > 0 ? at : line, at > 0 ? layout.under(name) : ValueLayout.COMPUTED);
            }
        }
    }

    private static String hostName(LuaValue name, String what) {
        if (name.isnil()) {
            throw new LuaError(what + " must have a name");
        }
        if (!name.isstring()) {
            throw new LuaError(what + " name must be a string, got " + name.typename());
        }
        return name.tojstring().toLowerCase(Locale.ROOT);
    }

    // ---------------------------------------------------------------- Include and file readers

    private void include(Chunk chunk, String pattern) {
        if (pattern.contains("*") || pattern.contains("?")) {
            int slash = pattern.lastIndexOf('/');
            String glob = pattern.substring(slash + 1);
            String dir = slash > 0 ? PathNames.resolve(chunk.dir, pattern.substring(0, slash))
                    : slash == 0 ? "/" : chunk.dir;
            List<String> names;
            try {
                names = new ArrayList<>(source.list(dir));
            } catch (ConfigSourceException e) {
                if (e.missing()) {
                    warn(chunk, AuditTexts.get("parse.prosody.include-no-dir", pattern, dir));
                    return;
                }
                throw new IncludeFailure(new ConfigProblem(ConfigProblem.Kind.INCLUDE,
                        "Include \"" + pattern + "\": " + e.getMessage(), chunk.file, currentLine(chunk)));
            }
            names.sort(null);
            Pattern p = PathNames.globPattern(glob);
            for (String name : names) {
                if (!name.startsWith(".") && p.matcher(name).matches()) {
                    include(chunk, PathNames.join(dir, name));
                }
            }
            return;
        }
        String file = PathNames.resolve(chunk.dir, pattern);
        int line = currentLine(chunk);
        if (includeStack.contains(file)) {
            throw new IncludeFailure(new ConfigProblem(ConfigProblem.Kind.INCLUDE,
                    AuditTexts.get("parse.prosody.include-loop", file, String.join(" -> ", includeStack)),
                    chunk.file, line));
        }
        if (includeStack.size() >= limits.maxIncludeDepth()) {
            throw new IncludeFailure(new ConfigProblem(ConfigProblem.Kind.INCLUDE,
                    AuditTexts.get("parse.prosody.include-depth", limits.maxIncludeDepth(), file), chunk.file, line));
        }
        countFile(file);
        String text;
        try {
            text = source.read(file);
        } catch (ConfigSourceException e) {
            throw new IncludeFailure(new ConfigProblem(ConfigProblem.Kind.INCLUDE,
                    AuditTexts.get("parse.prosody.include-error", file, e.getMessage()), chunk.file, line));
        }
        runChunk(file, text);
    }

    private String readData(Chunk chunk, String name) {
        String file = PathNames.resolve(chunk.dir, name);
        countFile(file);
        try {
            String text = source.read(file);
            budget.chargeString(text.length());
            dataFiles.add(file);
            return text;
        } catch (ConfigSourceException e) {
            throw new LuaError(file + ": " + e.getMessage());
        }
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    private void warn(Chunk chunk, String message) {
        warnings.add(new ConfigProblem(ConfigProblem.Kind.WARNING, message, chunk.file, currentLine(chunk)));
    }

    private int currentLine() {
        return current == null ? 0 : currentLine(current);
    }

    private int currentLine(Chunk chunk) {
        return hook.currentLine(chunk.chunkName);
    }

    /**
     * The line where the assignment statement of {@code name} begins. LuaJ, like Lua, records the
     * store at the line where the value's expression ends ({@code modules_enabled = {} … {@code }}),
     * so the text between the previous store and this one is searched for {@code name =}.
     */
    private static int statementLine(Chunk chunk, String name, int storeLine) {
        return statementLine(chunk, Pattern.compile("(?:^|[;\\s)])" + Pattern.quote(name) + "\\s*=(?!=)"), storeLine);
    }

    private static int statementLine(Chunk chunk, Pattern start, int storeLine) {
        if (storeLine <= 0 || storeLine > chunk.lines.length) {
            return storeLine;
        }
        int from = Math.max(Math.max(1, chunk.lastStoreLine), storeLine - 2000);
        for (int l = from; l <= storeLine; l++) {
            String text = chunk.lines[l - 1];
            int comment = text.indexOf("--");
            if (comment >= 0) {
                text = text.substring(0, comment);
            }
            if (start.matcher(text).find()) {
                return l;
            }
        }
        return storeLine;
    }

    // ---------------------------------------------------------------- result

    private ProsodyConfig build() {
        LuaValues converter = new LuaValues();
        List<ConfigSection> out = new ArrayList<>();
        for (Section s : sections.values()) {
            Map<String, ConfigOption> options = new LinkedHashMap<>();
            for (Map.Entry<String, RawOption> e : s.options.entrySet()) {
                Object v = converter.convert(e.getValue().value);
                if (v != null) {
                    options.put(e.getKey(), new ConfigOption(e.getKey(), v, e.getValue().file, e.getValue().line,
                            e.getValue().layout));
                }
            }
            out.add(new ConfigSection(s.name, s.kind, Optional.ofNullable(s.module), s.file, s.line, options));
        }
        return new ProsodyConfig(mainFile, out, files, dataFiles, warnings);
    }

    private static final class Section {
        final String name;
        final ConfigSection.Kind kind;
        final String file;
        final int line;
        final Map<String, RawOption> options = new LinkedHashMap<>();
        String module;

        Section(String name, ConfigSection.Kind kind, String file, int line) {
            this.name = name;
            this.kind = kind;
            this.file = file;
            this.line = line;
        }
    }

    private record RawOption(LuaValue value, String file, int line, ValueLayout layout) { }

    /** A syntax error from the compiler, kept apart from runtime errors. */
    private static final class SyntaxFailure extends LuaError {
        private static final long serialVersionUID = 1L;

        SyntaxFailure(String message) {
            super(message);
        }
    }

    /** An Include that cannot be followed; a Lua error, so a configuration may pcall it as in Prosody. */
    private static final class IncludeFailure extends LuaError {
        private static final long serialVersionUID = 1L;
        final transient ConfigProblem problem;

        IncludeFailure(ConfigProblem problem) {
            super(problem.message());
            this.problem = problem;
        }
    }
}
