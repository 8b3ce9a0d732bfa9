package de.tomaudit.cli;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import de.tomaudit.report.Printable;

/** Logback's {@code %emsg}: the log message with control characters escaped (file names from a target). */
public final class EscapedMessage extends ClassicConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return Printable.escape(event.getFormattedMessage());
    }
}
