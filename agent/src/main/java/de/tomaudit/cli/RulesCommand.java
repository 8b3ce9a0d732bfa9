package de.tomaudit.cli;

import de.tomaudit.rules.Rule;
import de.tomaudit.rules.RuleCaseRunner;
import de.tomaudit.rules.RuleFileException;
import de.tomaudit.rules.RuleLoader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tomaudit rules list | show ID | check DIR}. */
@Command(name = "rules", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "List, show and check rule packs.",
        subcommands = {RulesCommand.ListRules.class, RulesCommand.ShowRule.class, RulesCommand.CheckRules.class})
public final class RulesCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: list, show ID, check DIR");
    }

    static List<Rule> load(List<Path> dirs) {
        try {
            return RuleLoader.load(dirs);
        } catch (RuleFileException e) {
            throw new UsageException(e.getMessage());
        }
    }

    static String lang(String l) {
        if (l == null) {
            return System.getenv().getOrDefault("LANG", "").toLowerCase(Locale.ROOT).startsWith("de") ? "de" : "en";
        }
        if (!l.equals("de") && !l.equals("en")) {
            throw new UsageException("--lang must be de or en, not '" + l + "'");
        }
        return l;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List every rule: id, severity, title.")
    static final class ListRules implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Option(names = "--rules", paramLabel = "DIR", description = "Include these rule packs") List<Path> dirs = new ArrayList<>();
        @Option(names = "--kind", paramLabel = "KIND", description = "Only this pack") String kind;
        @Option(names = "--lang", paramLabel = "LANG", description = "de or en") String lang;

        @Override
        public Integer call() {
            String l = lang(lang);
            PrintStream out = Main.stdout(spec);
            for (Rule r : load(dirs)) {
                if (kind == null || r.pack().equals(kind)) {
                    out.printf("%-36s %-9s %s%n", r.id(), r.severity().json(), r.title().in(l));
                }
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one rule in full.")
    static final class ShowRule implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "ID", description = "Rule id, e.g. host.ssh-password-auth") String id;
        @Option(names = "--rules", paramLabel = "DIR", description = "Include these rule packs") List<Path> dirs = new ArrayList<>();
        @Option(names = "--lang", paramLabel = "LANG", description = "de or en") String lang;

        @Override
        public Integer call() {
            String l = lang(lang);
            Rule r = load(dirs).stream().filter(x -> x.id().equals(id)).findFirst()
                    .orElseThrow(() -> new UsageException("no rule with id '" + id + "' (see: tomaudit rules list)"));
            PrintStream out = Main.stdout(spec);
            out.println(r.id() + "  (" + r.severity().json() + ")");
            out.println("  title:        " + r.title().in(l));
            out.println("  remediation:  " + r.remediation().in(l));
            out.println("  tom:          gdpr " + r.tom().gdpr() + ", sdm " + r.tom().sdm() + ", kontrolle " + r.tom().kontrolle());
            if (!r.refs().isEmpty()) {
                out.println("  references:   " + String.join("; ", r.refs()));
            }
            if (!r.assumes().isEmpty()) {
                out.println("  assumes:      " + r.assumes());
            }
            if (r.manual()) {
                out.println("  manual:       to be documented by hand (status manual, never pass or fail)");
                out.println("  question:     " + r.question().orElseThrow().in(l));
                out.println("  source:       " + r.source());
                out.flush();
                return ExitCodes.OK;
            }
            r.when().ifPresent(w -> out.println("  when:         " + w.text()));
            out.println("  condition:    " + r.condition().text());
            r.grades().forEach(g -> out.println("  graded:       " + g.severity().json() + " when " + g.when().text()));
            out.println("  source:       " + r.source());
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Validate the rules in DIR and run their test cases (tests/ folders).")
    static final class CheckRules implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "DIR", description = "A rule pack folder, or a folder of packs") Path dir;

        @Override
        public Integer call() {
            List<RuleCaseRunner.Outcome> outcomes;
            try {
                outcomes = RuleCaseRunner.check(dir);
            } catch (RuleFileException e) {
                throw new UsageException(e.getMessage());
            }
            PrintStream out = Main.stdout(spec);
            int passed = 0;
            int failed = 0;
            for (RuleCaseRunner.Outcome o : outcomes) {
                if (o.ok()) {
                    passed++;
                } else {
                    failed++;
                    out.println("FAIL " + o.ruleId() + " / " + o.name() + " (" + o.source() + "): " + o.message());
                }
            }
            out.println("rules: " + passed + " passed, " + failed + " failed");
            out.flush();
            return failed == 0 ? ExitCodes.OK : ExitCodes.FAILED_FINDINGS;
        }
    }
}
