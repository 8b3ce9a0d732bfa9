package de.tomaudit.cli;

import de.tomaudit.report.RenderOptions;
import de.tomaudit.report.Renderer;
import de.tomaudit.report.RuleTextLanguage;
import de.tomaudit.report.StoredResult;
import de.tomaudit.result.AuditResult;
import de.tomaudit.rules.RuleFileException;
import de.tomaudit.rules.RuleLoader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tomaudit report --from RESULT.json}: any format from a stored result, without auditing again. */
@Command(name = "report", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Render a stored JSON result (from audit --format json) in other formats, without auditing again.",
        footer = {"", "Exit codes: 0 written; 2 usage error, or a missing or malformed result file."})
public final class ReportCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--from", paramLabel = "RESULT.json", required = true,
            description = "The JSON result of an earlier audit (a regular file; fields of newer versions are ignored)")
    Path from;

    @Option(names = "--format", paramLabel = "FORMAT", split = ",",
            description = "One or several of: console, json, html, md, csv, junit, sarif, pdf (default html)")
    List<String> formats = new ArrayList<>();

    @Option(names = "--output", paramLabel = "PATH",
            description = "Write to this file (one format) or directory (several formats: tomaudit-report.<ext> each) "
                    + "instead of stdout; files are readable by their owner only")
    Path output;

    @Option(names = "--lang", paramLabel = "LANG", description = "de or en (default: from LANG, else en)")
    String lang;

    @Option(names = "--tom-group", paramLabel = "GROUP", description = "TOM annex grouping: kontrolle (default), gdpr, sdm")
    String tomGroup;

    @Option(names = "--org", paramLabel = "NAME", description = "Organisation named in the document header")
    String org;

    @Override
    public Integer call() throws IOException {
        String language = OutputFormats.language(lang);
        String group = OutputFormats.tomGroup(tomGroup);
        List<Renderer> renderers = OutputFormats.renderers(formats, output, "html");
        ReportOutput target = output == null ? null : new ReportOutput(output, renderers.size());
        if (target != null) {
            target.check(renderers);
        }
        AuditResult result;
        try {
            result = StoredResult.read(from);
        } catch (StoredResult.StoredResultException e) {
            throw new UsageException("--from " + e.getMessage());
        }
        try {
            result = new RuleTextLanguage(RuleLoader.loadBuiltIn()).in(result, language);
        } catch (RuleFileException e) {
            throw new IllegalStateException("the built-in rules do not load: " + e.getMessage(), e);
        }
        RenderOptions options = new RenderOptions(language, false, "high", group, org);
        if (target != null) {
            target.write(result, renderers, options);
        } else {
            PrintStream out = Main.stdout(spec);
            renderers.get(0).render(result, options, out);
            out.flush();
        }
        return ExitCodes.OK;
    }
}
