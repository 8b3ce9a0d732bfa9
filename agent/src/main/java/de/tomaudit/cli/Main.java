package de.tomaudit.cli;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.facts.Crash;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: {@code tomaudit audit|rules|report …}. Usage errors exit 2 with one line, never a stack trace. */
@Command(name = "tomaudit", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Audits Mastodon, Prosody, ejabberd and BigBlueButton servers and their Linux host "
                + "for security and GDPR (TOM, Art. 32) measures.")
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), AuditTexts.get("cli.usage.command-required"));
    }

    public static void main(String[] args) {
        System.exit(execute(args, System.out, System.err));
    }

    /**
     * {@code tomaudit --version} alone, answered without the command model: picocli builds the model of every
     * command and option first (most of that run's time), and the answer needs none of it. The same lines as
     * picocli's version help.
     */
    static int version(PrintStream out) {
        PrintWriter w = new PrintWriter(out, true, StandardCharsets.UTF_8);
        for (String line : new VersionProvider().getVersion()) {
            w.println(line);
        }
        w.flush();
        return ExitCodes.OK;
    }

    /** Runs the command line with the given streams and returns the exit code (testable). */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            return version(out);
        }
        // every text of the command (usage errors, the loaders' errors, history and rules output) in its language
        return AuditTexts.with(language(args, System.getenv()), () -> executeIn(args, out, err));
    }

    /**
     * The language of a command line before picocli reads it: {@code --lang de|en} (or {@code --lang=}),
     * else de when {@code LANG} starts with de, else en; a wrong {@code --lang} value is refused later by
     * the command, in the language of {@code LANG}.
     */
    static String language(String[] args, java.util.Map<String, String> env) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--")) {
                break;
            }
            String v = args[i].equals("--lang") && i + 1 < args.length ? args[i + 1]
                    : args[i].startsWith("--lang=") ? args[i].substring(7) : null;
            if ("de".equals(v) || "en".equals(v)) {
                return v;
            }
        }
        return env.getOrDefault("LANG", "").toLowerCase(java.util.Locale.ROOT).startsWith("de") ? "de" : "en";
    }

    private static int executeIn(String[] args, PrintStream out, PrintStream err) {
        CommandLine cl = commandLine(args);
        cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        if (Terminal.stderrIsTerminal(err) && cl.getSubcommands().containsKey("audit")) {
            ((AuditCommand) cl.getSubcommands().get("audit").getCommand()).progressTo(err);
        }
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("tomaudit: " + PicocliMessages.of(ex.getMessage()));
            c.getErr().println(AuditTexts.get("cli.usage.try-help", c.getCommandSpec().qualifiedName()));
            return ExitCodes.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            if (ex instanceof UsageException) {
                c.getErr().println("tomaudit: " + ex.getMessage());
                return ExitCodes.USAGE;
            }
            LoggerFactory.getLogger(Main.class).debug("internal error: {}", Crash.describe(ex));
            c.getErr().println("tomaudit: " + AuditTexts.get("cli.internal-error", Crash.describe(ex)));
            return ExitCodes.USAGE;
        });
        try {
            return cl.execute(args);
        } catch (StackOverflowError | OutOfMemoryError e) {
            // never a stack trace: one line, and no message (it may quote what was read)
            err.println("tomaudit: " + AuditTexts.get("cli.internal-error", Crash.describe(e)));
            return ExitCodes.USAGE;
        }
    }

    /**
     * The command model for these arguments. picocli builds the model of every command it is given,
     * each option by reflection, before it parses anything: when the first argument names a command,
     * only that command is built (a quarter of the start-up of {@code rules list}). Otherwise (help,
     * a mistyped command, no command) every command, so help lists them all and picocli can suggest
     * the one meant.
     */
    static CommandLine commandLine(String[] args) {
        CommandLine cl = new CommandLine(new Main());
        String first = args.length > 0 ? args[0] : "";
        switch (first) {
            case "audit" -> cl.addSubcommand(new AuditCommand());
            case "rules" -> cl.addSubcommand(new RulesCommand());
            case "report" -> cl.addSubcommand(new ReportCommand());
            case "history" -> cl.addSubcommand(new HistoryCommand());
            default -> {
                cl.addSubcommand(new AuditCommand());
                cl.addSubcommand(new RulesCommand());
                cl.addSubcommand(new ReportCommand());
                cl.addSubcommand(new HistoryCommand());
                cl.addSubcommand(new CommandLine.HelpCommand());
            }
        }
        return cl;
    }

    static PrintStream stdout(CommandLine.Model.CommandSpec spec) {
        return new PrintStream(new WriterOutputStream(spec.commandLine().getOut()), true, StandardCharsets.UTF_8);
    }
}
