package de.tomaudit.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.NopStatusListener;
import de.tomaudit.report.Printable;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * Logback's configuration in code (found by Logback through {@code META-INF/services}): one console
 * appender on stderr, {@code HH:mm:ss.SSS LEVEL [target] Logger: message}, warnings by default. In code
 * rather than a logback.xml, because reading the XML loaded Logback's whole configuration machinery and
 * an XML parser, several hundred classes, on every start.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogSetup extends ContextAwareBase implements Configurator {

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        context.getStatusManager().add(new NopStatusListener());
        Line layout = new Line();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stderr);
        context.getLogger("de.tomaudit").setLevel(Level.WARN);
        // PDF reports: PDFBox maps the standard Type 1 fonts it never embeds here (the report embeds DejaVu) and
        // says so on every run; its font cache notices are not the user's business either
        context.getLogger("org.apache.pdfbox.pdmodel.font").setLevel(Level.ERROR);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** {@code HH:mm:ss.SSS LEVEL [target] Logger: message}; control characters in messages (file names of a target) escaped. */
    static final class Line extends LayoutBase<ILoggingEvent> {
        private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

        @Override
        public String doLayout(ILoggingEvent e) {
            String logger = e.getLoggerName();
            String target = e.getMDCPropertyMap().getOrDefault("target", "");
            StringBuilder b = new StringBuilder(96);
            b.append(TIME.format(LocalTime.ofInstant(e.getInstant(), java.time.ZoneId.systemDefault()))).append(' ');
            String level = e.getLevel().toString();
            b.append(level).append(" ".repeat(Math.max(0, 5 - level.length()))).append(" [").append(target).append("] ")
                    .append(logger.substring(logger.lastIndexOf('.') + 1)).append(": ")
                    .append(Printable.escape(e.getFormattedMessage())).append(System.lineSeparator());
            if (e.getThrowableProxy() != null) {
                b.append(ThrowableProxyUtil.asString(e.getThrowableProxy())).append(System.lineSeparator());
            }
            return b.toString();
        }
    }
}
