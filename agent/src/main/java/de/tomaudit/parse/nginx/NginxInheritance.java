package de.tomaudit.parse.nginx;

import java.util.List;

/**
 * nginx's inheritance of directives between levels (http, server, location, if in location,
 * limit_except). For array-like directives such as {@code access_log} and {@code add_header}, a
 * level inherits all of its parent's directives only if it defines none of its own; one
 * {@code add_header} in a location drops every header set at server or http level. Scalar
 * directives such as {@code ssl_protocols} and {@code server_tokens} are overridden the same way.
 * So for all of them the effective directives are those of the innermost level that has any.
 */
public final class NginxInheritance {

    private NginxInheritance() { }

    /**
     * The directives named {@code name} in effect at the innermost block of {@code chain}
     * (outermost first, e.g. http, server, location), or none when no level sets them.
     */
    public static List<NginxDirective> effective(List<NginxDirective> chain, String name) {
        for (int i = chain.size() - 1; i >= 0; i--) {
            List<NginxDirective> here = chain.get(i).children(name);
            if (!here.isEmpty()) {
                return here;
            }
        }
        return List.of();
    }
}
