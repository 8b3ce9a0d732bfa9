package de.tomaudit.collect.bbb;

import de.tomaudit.i18n.AuditTexts;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigIncludeContext;
import com.typesafe.config.ConfigIncluder;
import com.typesafe.config.ConfigIncluderFile;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import de.tomaudit.facts.Evidence;
import de.tomaudit.facts.FactSet;
import de.tomaudit.facts.Secret;
import de.tomaudit.target.Target;
import de.tomaudit.target.TargetException;
import java.io.File;

/**
 * {@code /etc/bigbluebutton/bbb-apps-akka.conf}, HOCON read with Typesafe Config as akka-apps reads it,
 * including the packaged {@code application.conf} it includes. Includes are read through the target
 * (never from the auditor's disk), at most {@link #MAX_INCLUDES}; substitutions resolve without the
 * auditor's environment or system properties.
 */
final class AkkaConfig {
    static final int MAX_INCLUDES = 16;

    private AkkaConfig() { }

    static void read(Target target, FactSet.Builder facts) {
        String text;
        try {
            text = target.read(BbbPaths.AKKA).text();
        } catch (TargetException e) {
            if (e.isAbsence()) {
                facts.notApplicable("bbb.akka", AuditTexts.get("evidence.host.does-not-exist", BbbPaths.AKKA));
            } else {
                facts.error("bbb.akka", "read", e.getMessage());
                facts.error("bbb.akka_shared_secret", "read", e.getMessage());
            }
            return;
        }
        try {
            Includer includer = new Includer(target);
            Config c = ConfigFactory.parseString(text, options(BbbPaths.AKKA, includer))
                    .resolve(ConfigResolveOptions.noSystem().setAllowUnresolved(true));
            facts.put("bbb.akka.file", BbbPaths.AKKA, Evidence.file(BbbPaths.AKKA, "read"));
            if (c.hasPath("services.sharedSecret")) {
                ConfigValue v = c.getValue("services.sharedSecret");
                Secret s = Secret.of(String.valueOf(v.unwrapped()).strip());
                facts.put("bbb.akka_shared_secret", s, Evidence.at(origin(v), v.origin().lineNumber(), "services.sharedSecret=" + s));
            } else {
                facts.notApplicable("bbb.akka_shared_secret", AuditTexts.get("na.bbb.akka.no-secret", BbbPaths.AKKA));
            }
        } catch (ConfigException e) {
            String where = e.origin() == null ? BbbPaths.AKKA : origin(e.origin()) + (e.origin().lineNumber() > 0
                    ? ":" + e.origin().lineNumber() : "");
            // Typesafe Config's messages quote the tokens and keys it could not read: only the kind is named (issue 13)
            facts.error("bbb.akka", "parse", where + ": " + kind(e));
            facts.error("bbb.akka_shared_secret", "parse", where + ": " + kind(e));
        }
    }

    /** The kind of a HOCON problem, without the text the parser quotes. */
    static String kind(ConfigException e) {
        if (e instanceof ConfigException.Parse) {
            return "HOCON syntax error";
        }
        if (e instanceof ConfigException.WrongType) {
            return "a value of the wrong type";
        }
        if (e instanceof ConfigException.UnresolvedSubstitution) {
            return "a substitution ${…} that cannot be resolved";
        }
        if (e instanceof ConfigException.IO) {
            return "an included file cannot be read";
        }
        return "not a valid HOCON configuration";
    }

    private static String origin(ConfigValue v) {
        return origin(v.origin());
    }

    private static String origin(com.typesafe.config.ConfigOrigin o) {
        String d = o.description();
        int colon = d.indexOf(": ");
        d = colon > 0 && d.startsWith("/") ? d.substring(0, colon) : d;
        return d.replaceAll(" @ .*$", "").replaceAll(":\\d+$", "");
    }

    static ConfigParseOptions options(String file, ConfigIncluder includer) {
        return ConfigParseOptions.defaults().setOriginDescription(file).setSyntax(ConfigSyntax.CONF)
                .setAllowMissing(true).setIncluder(includer).setClassLoader(new ClassLoader(null) { });
    }

    /** Reads included files through the target; classpath and URL includes are not followed. */
    private static final class Includer implements ConfigIncluder, ConfigIncluderFile {
        private final Target target;
        private int count;

        Includer(Target target) {
            this.target = target;
        }

        @Override
        public ConfigIncluder withFallback(ConfigIncluder fallback) {
            return this;
        }

        @Override
        public ConfigObject include(ConfigIncludeContext context, String what) {
            return read(what.startsWith("/") ? what : "/etc/bigbluebutton/" + what);
        }

        @Override
        public ConfigObject includeFile(ConfigIncludeContext context, File what) {
            return read(what.getPath());
        }

        private ConfigObject read(String path) {
            if (++count > MAX_INCLUDES) {
                throw new ConfigException.BadValue(path, "more than " + MAX_INCLUDES + " includes: not followed");
            }
            try {
                String text = target.read(path).text();
                return ConfigFactory.parseString(text, options(path, this)).root();
            } catch (TargetException e) {
                return ConfigFactory.empty(path).root();
            }
        }
    }
}
