package de.tomaudit.parse.nginx;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One nginx directive: its name, its arguments (quotes removed, escapes resolved as nginx does),
 * the file and 1-based line it starts on, and for a block directive ({@code http { … }}) its
 * children. Included files are spliced in place of their {@code include}, each directive keeping
 * its own file and line.
 */
public record NginxDirective(String name, List<String> args, String file, int line, boolean isBlock,
                             List<NginxDirective> children) {

    public NginxDirective {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        args = List.copyOf(args);
        children = List.copyOf(children);
    }

    public static NginxDirective simple(String name, List<String> args, String file, int line) {
        return new NginxDirective(name, args, file, line, false, List.of());
    }

    public static NginxDirective block(String name, List<String> args, String file, int line,
                                       List<NginxDirective> children) {
        return new NginxDirective(name, args, file, line, true, children);
    }

    /** {@code file:line}, the evidence source of this directive. */
    public String source() {
        return file + ":" + line;
    }

    /** The same directive with other children (used when includes are spliced in). */
    public NginxDirective withChildren(List<NginxDirective> newChildren) {
        return new NginxDirective(name, args, file, line, isBlock, newChildren);
    }

    /** Argument {@code i} (0-based), if present. */
    public Optional<String> arg(int i) {
        return i < args.size() ? Optional.of(args.get(i)) : Optional.empty();
    }

    /** The direct children with this name, in order. */
    public List<NginxDirective> children(String childName) {
        return children.stream().filter(d -> d.name.equals(childName)).toList();
    }

    /** The first direct child with this name. */
    public Optional<NginxDirective> child(String childName) {
        return children.stream().filter(d -> d.name.equals(childName)).findFirst();
    }

    /** The directive as written, arguments joined by spaces (for evidence). */
    public String text() {
        return args.isEmpty() ? name : name + " " + String.join(" ", args);
    }
}
