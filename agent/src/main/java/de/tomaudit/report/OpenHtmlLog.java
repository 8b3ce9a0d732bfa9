package de.tomaudit.report;

import com.openhtmltopdf.util.Diagnostic;
import com.openhtmltopdf.util.XRLog;
import com.openhtmltopdf.util.XRLogger;
import java.util.logging.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * openhtmltopdf logs through java.util.logging to stderr by default (CSS it skips, timings); here
 * its messages go to SLF4J at debug level, so a PDF run prints nothing unless asked with -vv.
 */
final class OpenHtmlLog implements XRLogger {
    private static final Logger LOG = LoggerFactory.getLogger("de.tomaudit.report.pdf");
    private static volatile boolean installed;

    private OpenHtmlLog() { }

    static void install() {
        if (!installed) {
            synchronized (OpenHtmlLog.class) {
                if (!installed) {
                    XRLog.setLoggerImpl(new OpenHtmlLog());
                    installed = true;
                }
            }
        }
    }

    @Override
    public void log(String where, Level level, String msg) {
        LOG.debug("{}: {}", where, msg);
    }

    @Override
    public void log(String where, Level level, String msg, Throwable th) {
        LOG.debug("{}: {}", where, msg, th);
    }

    @Override
    public void setLevel(String logger, Level level) {
        // levels are SLF4J's
    }

    @Override
    public boolean isLogLevelEnabled(Diagnostic diagnostic) {
        return LOG.isDebugEnabled();
    }
}
