package de.tomaudit.target.ssh;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSch's protocol log, on SLF4J at debug (shown with -vv). Its errors become exceptions that
 * tomaudit reports itself, so they too are debug only, and without stack traces.
 */
final class JschLog implements com.jcraft.jsch.Logger {
    private static final Logger LOG = LoggerFactory.getLogger("de.tomaudit.target.ssh.jsch");

    @Override
    public boolean isEnabled(int level) {
        return LOG.isDebugEnabled();
    }

    @Override
    public void log(int level, String message) {
        LOG.debug("{}", message);
    }

    @Override
    public void log(int level, String message, Throwable cause) {
        LOG.debug("{} ({})", message, cause == null ? "" : cause.getClass().getSimpleName());
    }
}
