package io.cellwatch.ingest.follow;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * What one class logs while a test runs, for behaviour whose only outside sign is what an operator reads in
 * the log (a refusal said once, with what to do). Attached to the class's logger, detached on close; the
 * lines still go to the console.
 */
final class CapturedLog implements AutoCloseable {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
    private final String name;
    private final AbstractAppender appender;

    private CapturedLog(Class<?> type) {
        this.name = type.getName();
        this.appender =
                new AbstractAppender("captured-" + type.getSimpleName(), null, null, true, Property.EMPTY_ARRAY) {
                    @Override
                    public void append(LogEvent event) {
                        lines.add(event.getLevel() + " " + event.getMessage().getFormattedMessage());
                    }
                };
        appender.start();
        Configuration configuration = context.getConfiguration();
        LoggerConfig logger = new LoggerConfig(name, Level.INFO, true);
        logger.addAppender(appender, null, null);
        configuration.addLogger(name, logger);
        context.updateLoggers();
    }

    static CapturedLog of(Class<?> type) {
        return new CapturedLog(type);
    }

    /** The lines logged so far, each its level and message. */
    List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        context.getConfiguration().removeLogger(name);
        context.updateLoggers();
        appender.stop();
    }
}
