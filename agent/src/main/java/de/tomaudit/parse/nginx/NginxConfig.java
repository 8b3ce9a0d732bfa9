package de.tomaudit.parse.nginx;

import java.util.List;
import java.util.Optional;

/**
 * A whole nginx configuration with every include spliced in: the main file, the directive tree,
 * the files that were read (in order) and the problems met on the way.
 */
public record NginxConfig(String mainFile, List<NginxDirective> directives, List<String> files,
                          List<NginxProblem> problems) {

    public NginxConfig {
        directives = List.copyOf(directives);
        files = List.copyOf(files);
        problems = List.copyOf(problems);
    }

    /** The {@code http} block (nginx allows only one). */
    public Optional<NginxDirective> http() {
        return directives.stream().filter(d -> d.isBlock() && d.name().equals("http")).findFirst();
    }

    /** The {@code server} blocks of the {@code http} block, in configuration order. */
    public List<NginxDirective> httpServers() {
        return http().map(h -> h.children("server").stream().filter(NginxDirective::isBlock).toList())
                .orElse(List.of());
    }

    /** Problems after which the tree may be incomplete. */
    public List<NginxProblem> fatalProblems() {
        return problems.stream().filter(NginxProblem::fatal).toList();
    }

    /** The directory relative include paths start from: that of the main file. */
    public String confDir() {
        return NginxIncludeResolver.parentDir(mainFile);
    }
}
