package io.cellwatch.deploy.kafka;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * What the broker's StandardAuthorizer decided, read from its audit log ({@code kafka.authorizer.logger}):
 * every check it denied, and which ACL allowed each check it allowed. The broker runs in this JVM,
 * so its audit log can be captured here.
 */
final class AuthorizerAudit implements AutoCloseable {
    private static final String LOGGER = "kafka.authorizer.logger";
    private static final Pattern RULE = Pattern.compile(
            "resourceType=(\\w+), resourceName=([^,]*), patternType=(\\w+), principal=([^,]+), host=[^,]*,"
                    + " operation=(\\w+), permissionType=ALLOW");

    /** An ACL (in Kafka's own names) that allowed some check. */
    record UsedAcl(String resourceType, String name, String patternType, String operation) {}

    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final Capture appender = new Capture();

    private AuthorizerAudit() {}

    /** Starts capturing (allowed checks are logged at DEBUG and TRACE, denied ones at INFO). */
    static AuthorizerAudit start() {
        AuthorizerAudit audit = new AuthorizerAudit();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        audit.appender.start();
        config.addAppender(audit.appender);
        LoggerConfig logger = new LoggerConfig(LOGGER, Level.TRACE, false);
        logger.addAppender(audit.appender, Level.TRACE, null);
        config.addLogger(LOGGER, logger);
        context.updateLoggers();
        return audit;
    }

    /** Checks denied to {@code principal} so far (e.g. {@code User:cellwatch}). */
    List<String> denied(String principal) {
        return messages.stream()
                .filter(m -> m.startsWith("Principal = " + principal + " is Denied"))
                .toList();
    }

    /** The ACLs that allowed {@code principal}'s checks so far. */
    Set<UsedAcl> used(String principal) {
        Set<UsedAcl> used = new LinkedHashSet<>();
        for (String message : messages) {
            if (!message.startsWith("Principal = " + principal + " is Allowed")) {
                continue;
            }
            Matcher rule = RULE.matcher(message);
            if (rule.find() && rule.group(4).equals(principal)) {
                used.add(new UsedAcl(rule.group(1), rule.group(2), rule.group(3), rule.group(5)));
            }
        }
        return used;
    }

    int size() {
        return messages.size();
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().removeLogger(LOGGER);
        context.updateLoggers();
        appender.stop();
    }

    private final class Capture extends AbstractAppender {
        Capture() {
            super("authorizer-audit", null, null, true, Property.EMPTY_ARRAY);
        }

        @Override
        public void append(LogEvent event) {
            messages.add(event.getMessage().getFormattedMessage());
        }
    }
}
