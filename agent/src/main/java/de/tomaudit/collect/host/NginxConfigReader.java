package de.tomaudit.collect.host;

import de.tomaudit.collect.PlannedAccess;
import de.tomaudit.parse.nginx.NginxConfig;
import de.tomaudit.parse.nginx.NginxDump;
import de.tomaudit.parse.nginx.NginxIncludeResolver;
import de.tomaudit.parse.nginx.NginxParseException;
import de.tomaudit.target.Command;
import de.tomaudit.target.CommandCatalog;
import de.tomaudit.target.CommandResult;
import de.tomaudit.target.Target;
import de.tomaudit.target.TargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the nginx configuration of a target: the effective one from {@code nginx -T} where it may
 * run and succeeds (split back into its files, so evidence names the real file and line), else
 * {@code /etc/nginx/nginx.conf} with its includes. Shared by the nginx and logrotate collectors.
 */
final class NginxConfigReader {
    private static final Logger LOG = LoggerFactory.getLogger(NginxConfigReader.class);
    static final String MAIN_CONF = "/etc/nginx/nginx.conf";
    static final String BINARY = "/usr/sbin/nginx";
    static final Command DUMP = CommandCatalog.command("nginx-effective");

    /**
     * What was found: the configuration (if any), whether the nginx binary is there, how the
     * configuration was read ({@code command: nginx -T} or {@code files: …}), and why
     * {@code nginx -T} was not used where it was tried and failed.
     */
    record Result(Optional<NginxConfig> config, boolean binaryFound, boolean configFileFound, String via,
                  List<String> notes) {
        boolean installed() {
            return binaryFound || configFileFound || config.isPresent();
        }
    }

    private NginxConfigReader() { }

    static List<PlannedAccess> plan() {
        return List.of(
                PlannedAccess.run(DUMP),
                PlannedAccess.read(MAIN_CONF, "nginx main configuration (when nginx -T cannot run)"),
                PlannedAccess.read("/etc/nginx/**", "files included by nginx.conf (include globs)"),
                PlannedAccess.stat(BINARY, "whether nginx is installed"));
    }

    static Result read(Target target) {
        List<String> notes = new ArrayList<>();
        boolean binary = false;
        try {
            CommandResult r = target.run(DUMP);
            binary = true;
            if (r.ok()) {
                try {
                    NginxDump dump = NginxDump.parse(r.stdout());
                    NginxConfig config = NginxIncludeResolver.load(dump, dump.mainFile());
                    return new Result(Optional.of(config), true, true, "command: " + DUMP.line(), notes);
                } catch (NginxParseException e) {
                    notes.add(DUMP.line() + ": " + e.detail());
                }
            } else {
                notes.add(DUMP.line() + " exited " + r.exitCode() + ": " + firstLine(r.stderr()));
            }
        } catch (TargetException e) {
            if (!e.isAbsence()) {
                notes.add(e.getMessage());
            }
        }
        notes.forEach(n -> LOG.debug("nginx -T not used: {}", n));
        if (!binary) {
            binary = exists(target, BINARY);
        }
        if (!exists(target, MAIN_CONF)) {
            return new Result(Optional.empty(), binary, false, "files: " + MAIN_CONF, notes);
        }
        NginxConfig config = NginxIncludeResolver.load(new NginxTargetSource(target), MAIN_CONF);
        return new Result(Optional.of(config), binary, true, "files: " + MAIN_CONF, notes);
    }

    /** Present, or not statable for another reason than absence (reading will then say why). */
    private static boolean exists(Target target, String path) {
        try {
            return target.stat(path).isPresent();
        } catch (TargetException e) {
            return !e.isAbsence();
        }
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }
}
