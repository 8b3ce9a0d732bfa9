package de.tomaudit.cli;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.i18n.Texts;
import de.tomaudit.rules.Rule;
import de.tomaudit.rules.RuleCaseRunner;
import de.tomaudit.rules.RuleFileException;
import de.tomaudit.rules.RuleLoader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        throw new CommandLine.ParameterException(spec.commandLine(), AuditTexts.get("cli.rules.command-required"));
    }

    static List<Rule> load(List<Path> dirs) {
        try {
            return RuleLoader.load(dirs);
        } catch (RuleFileException e) {
            throw new UsageException(e.getMessage());
        }
    }

    static String lang(String l) {
        return OutputFormats.language(l);
    }

    /** A severity as the console names it in the language (English: its JSON name, as always). */
    static String severity(Texts words, String json) {
        return words.lang().equals("en") ? json : words.get("severity." + json);
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
            Texts words = Texts.of(l);
            PrintStream out = Main.stdout(spec);
            for (Rule r : load(dirs)) {
                if (kind == null || r.pack().equals(kind)) {
                    out.printf("%-36s %-9s %s%n", r.id(), severity(words, r.severity().json()), r.title().in(l));
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
                    .orElseThrow(() -> new UsageException(AuditTexts.get("cli.rules.no-rule", id)));
            Texts words = Texts.of(l);
            PrintStream out = Main.stdout(spec);
            // the labels padded to one column in the language (English: 14 characters, as always)
            List<String> names = List.of("title", "remediation", "tom", "references", "assumes", "manual", "question",
                    "source", "when", "condition", "graded");
            int width = Math.max(14, names.stream().mapToInt(n -> words.get("cli.rules.label." + n).length() + 2).max().orElse(14));
            java.util.function.Function<String, String> label = n -> "  " + String.format("%-" + width + "s",
                    words.get("cli.rules.label." + n) + ":");
            out.println(r.id() + "  (" + severity(words, r.severity().json()) + ")");
            out.println(label.apply("title") + r.title().in(l));
            out.println(label.apply("remediation") + r.remediation().in(l));
            out.println(label.apply("tom") + "gdpr " + r.tom().gdpr() + ", sdm " + r.tom().sdm() + ", kontrolle " + r.tom().kontrolle());
            if (!r.refs().isEmpty()) {
                out.println(label.apply("references") + String.join("; ", r.refs()));
            }
            if (!r.assumes().isEmpty()) {
                out.println(label.apply("assumes") + r.assumes());
            }
            if (r.manual()) {
                out.println(label.apply("manual") + words.get("cli.rules.manual"));
                out.println(label.apply("question") + r.question().orElseThrow().in(l));
                out.println(label.apply("source") + r.source());
                out.flush();
                return ExitCodes.OK;
            }
            r.when().ifPresent(w -> out.println(label.apply("when") + w.text()));
            out.println(label.apply("condition") + r.condition().text());
            r.grades().forEach(g -> out.println(label.apply("graded") + words.get("cli.rules.graded",
                    severity(words, g.severity().json()), g.when().text())));
            out.println(label.apply("source") + r.source());
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Validate the rules in DIR and run their test cases (tests/ folders).")
    static final class CheckRules implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "DIR", description = "A rule pack folder, or a folder of packs") Path dir;
        @Option(names = "--lang", paramLabel = "LANG", description = "de or en (default: from LANG, else en)") String lang;

        @Override
        public Integer call() {
            Texts words = Texts.of(lang(lang));
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
                    out.println(words.get("cli.rules.check.fail", o.ruleId(), o.name(), o.source(), o.message()));
                }
            }
            out.println(words.get("cli.rules.check.total", String.valueOf(passed), String.valueOf(failed)));
            out.flush();
            return failed == 0 ? ExitCodes.OK : ExitCodes.FAILED_FINDINGS;
        }
    }
}
