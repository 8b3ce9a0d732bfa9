package de.tomaudit.target.ssh;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** JSch's protocol log, on SLF4J at debug (shown with -vv); JSch errors at warn. */
final class JschLog implements com.jcraft.jsch.Logger {
    private static final Logger LOG = LoggerFactory.getLogger("de.tomaudit.target.ssh.jsch");

    @Override
    public boolean isEnabled(int level) {
        return level >= ERROR ? LOG.isWarnEnabled() : LOG.isDebugEnabled();
    }

    @Override
    public void log(int level, String message) {
        if (level >= ERROR) {
            LOG.warn("{}", message);
        } else {
            LOG.debug("{}", message);
        }
    }
}
