package de.tomaudit.parse.nginx;

import de.tomaudit.i18n.AuditTexts;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads a configuration from its main file and splices every {@code include} in place, as nginx
 * does: a relative path starts at the directory of the main file; a path with {@code * ? [} is a
 * glob whose matches are read in sorted order (no match is fine); a plain path must exist. An
 * include loop or nesting deeper than {@link #MAX_DEPTH} stops that branch and is reported with
 * the including file and line; every other file is still read. Each file is read and parsed once
 * (a snippet included by many servers is spliced from the one parse), and the whole expansion is
 * bounded by {@link #MAX_SPLICED} directives, so files whose globs include each other cannot grow
 * the work beyond that: the rest is cut with one problem.
 */
public final class NginxIncludeResolver {
    /** nginx has no limit of its own (it runs out of file descriptors); 32 is far beyond real use. */
    public static final int MAX_DEPTH = 32;
    /** Directives in the expanded tree; far beyond a real configuration (a few thousand). */
    public static final int MAX_SPLICED = 200_000;

    private final NginxSource source;
    private final List<NginxProblem> problems = new ArrayList<>();
    private final List<String> files = new ArrayList<>();
    private final Deque<String> stack = new ArrayDeque<>();
    private final Map<String, List<NginxDirective>> parsed = new HashMap<>();
    private final Map<String, List<String>> globs = new HashMap<>();
    private final Set<String> reportedLoops = new HashSet<>();
    private int spliced;
    private boolean cut;
    private String confDir = "/";

    private NginxIncludeResolver(NginxSource source) {
        this.source = source;
    }

    public static NginxConfig load(NginxSource source, String mainFile) {
        NginxIncludeResolver r = new NginxIncludeResolver(source);
        r.confDir = parentDir(mainFile);
        List<NginxDirective> top = r.file(mainFile, mainFile, 0);
        return new NginxConfig(mainFile, top, r.files, r.problems);
    }

    /** A file's directives with its includes spliced in; none when it could not be read or parsed. */
    private List<NginxDirective> file(String path, String includedFrom, int includeLine) {
        List<NginxDirective> once = parsed.get(path);
        if (once == null) {
            once = readAndParse(path, includedFrom, includeLine);
            parsed.put(path, once);
        }
        if (once.isEmpty()) {
            return once;
        }
        stack.push(path);
        try {
            return expand(once);
        } finally {
            stack.pop();
        }
    }

    private List<NginxDirective> readAndParse(String path, String includedFrom, int includeLine) {
        String text;
        try {
            text = source.read(path);
        } catch (NginxSourceException e) {
            if (e.missing()) {
                problems.add(new NginxProblem(NginxProblem.Kind.MISSING_INCLUDE, includedFrom, includeLine,
                        path.equals(includedFrom) ? AuditTexts.get("evidence.host.does-not-exist", path)
                                : AuditTexts.get("evidence.host.does-not-exist", AuditTexts.get("parse.included-file", path))));
            } else {
                problems.add(new NginxProblem(NginxProblem.Kind.UNREADABLE, path, 0, e.getMessage()));
            }
            return List.of();
        }
        files.add(path);
        try {
            return NginxFileParser.parse(path, text);
        } catch (NginxParseException e) {
            problems.add(new NginxProblem(NginxProblem.Kind.SYNTAX, e.file(), e.line(), e.detail()));
            return List.of();
        }
    }

    private List<NginxDirective> expand(List<NginxDirective> directives) {
        List<NginxDirective> out = new ArrayList<>();
        for (NginxDirective d : directives) {
            if (cut || ++spliced > MAX_SPLICED) {
                cutHere(d);
                break;
            }
            if (!d.isBlock() && d.name().equals("include")) {
                out.addAll(include(d));
            } else if (d.isBlock()) {
                out.add(d.withChildren(expand(d.children())));
            } else {
                out.add(d);
            }
        }
        return out;
    }

    private List<NginxDirective> include(NginxDirective d) {
        if (d.args().size() != 1) {
            problems.add(new NginxProblem(NginxProblem.Kind.SYNTAX, d.file(), d.line(),
                    AuditTexts.get("parse.nginx.include-arguments")));
            return List.of();
        }
        String path = absolute(d.args().get(0));
        List<String> targets;
        if (isGlob(path)) {
            try {
                targets = globs.get(path);
                if (targets == null) {
                    targets = source.glob(path);
                    globs.put(path, targets);
                }
            } catch (NginxSourceException e) {
                problems.add(new NginxProblem(NginxProblem.Kind.UNREADABLE, d.file(), d.line(),
                        "include " + path + ": " + e.getMessage()));
                return List.of();
            }
        } else {
            targets = List.of(path);
        }
        List<NginxDirective> out = new ArrayList<>();
        for (String t : targets) {
            // every file considered counts against the budget, spliced or refused
            if (cut || ++spliced > MAX_SPLICED) {
                cutHere(d);
                break;
            }
            if (stack.contains(t)) {
                if (!reportedLoops.add(d.source() + " loop")) {
                    continue;
                }
                problems.add(new NginxProblem(NginxProblem.Kind.INCLUDE_LOOP, d.file(), d.line(),
                        AuditTexts.get("parse.nginx.include-loop", t, String.join(" <- ", stack))));
                continue;
            }
            if (stack.size() >= MAX_DEPTH) {
                if (!reportedLoops.add(d.source() + " depth")) {
                    continue;
                }
                problems.add(new NginxProblem(NginxProblem.Kind.INCLUDE_DEPTH, d.file(), d.line(),
                        AuditTexts.get("parse.include-depth", MAX_DEPTH, t)));
                continue;
            }
            out.addAll(file(t, d.file(), d.line()));
        }
        return out;
    }

    private void cutHere(NginxDirective d) {
        if (!cut) {
            cut = true;
            problems.add(new NginxProblem(NginxProblem.Kind.INCLUDE_DEPTH, d.file(), d.line(),
                    AuditTexts.get("parse.nginx.spliced", MAX_SPLICED)));
        }
    }

    private String absolute(String p) {
        return p.startsWith("/") ? p : confDir + p;
    }

    static boolean isGlob(String p) {
        return p.indexOf('*') >= 0 || p.indexOf('?') >= 0 || p.indexOf('[') >= 0;
    }

    /** The directory of a path, with a trailing slash ({@code /etc/nginx/}). */
    static String parentDir(String path) {
        int i = path.lastIndexOf('/');
        return i < 0 ? "/" : path.substring(0, i + 1);
    }
}
