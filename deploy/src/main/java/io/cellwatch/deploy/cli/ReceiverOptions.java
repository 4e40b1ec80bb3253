package io.cellwatch.deploy.cli;

import io.cellwatch.alerts.AlertService;
import io.cellwatch.alerts.AlertServiceSettings;
import io.cellwatch.alerts.AlertTopics;
import io.cellwatch.alerts.config.Receivers;
import io.cellwatch.alerts.config.ReceiversConfig;
import io.cellwatch.alerts.config.ReceiversFile;
import io.cellwatch.alerts.config.ReceiversFile.ReceiversFileException;
import io.cellwatch.alerts.delivery.AlertSink;
import io.cellwatch.alerts.delivery.ConsoleAlertSink;
import io.cellwatch.alerts.delivery.alertmanager.AlertmanagerSink;
import io.cellwatch.alerts.delivery.pause.PauseCommandSink;
import io.cellwatch.model.Severity;
import io.cellwatch.model.kafka.KafkaConnection;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Where alerts go besides the console; shared by {@code alerts} and {@code demo}. */
public final class ReceiverOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(
            names = "--alertmanager-url",
            paramLabel = "URL",
            description = "Alertmanager to send alerts to (v2 API), e.g. http://localhost:9093. Repeat for the members "
                    + "of one Alertmanager cluster. user:password@ in the URL becomes Basic auth.")
    List<String> alertmanagerUrls = new ArrayList<>();

    @Option(
            names = "--webhook-url",
            paramLabel = "URL",
            description = "URL that receives every alert event as a JSON POST. Repeatable.")
    List<String> webhookUrls = new ArrayList<>();

    @Option(
            names = "--pause-on-severity",
            paramLabel = "SEVERITY",
            description =
                    "Ask a cycler bridge to pause a channel (a request on the PREFIXcommands topic) when an alert "
                            + "on it reaches this severity: warning or critical (default: never).")
    Severity pauseOnSeverity;

    @Option(
            names = "--receivers-file",
            paramLabel = "FILE",
            description = "YAML file of receivers (Alertmanager with headers, labels and re-send interval; named "
                    + "webhooks with headers; pause). $${VAR} is read from the environment. Flags add to it.")
    Path receiversFile;

    /**
     * The receivers asked for, checked: a bad file is a usage error naming file, line and field, a
     * bad URL one naming the receiver (never the URL, which may hold a token).
     */
    public ReceiversConfig config() {
        ReceiversConfig base = ReceiversConfig.none();
        if (receiversFile != null) {
            try {
                base = ReceiversFile.load(receiversFile);
            } catch (ReceiversFileException e) {
                throw new ParameterException(mixee.commandLine(), "--receivers-file " + e.getMessage());
            }
        }
        ReceiversConfig config = base.withFlags(alertmanagerUrls, webhookUrls, pauseOnSeverity);
        try {
            Receivers.validate(config);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(mixee.commandLine(), e.getMessage());
        }
        return config;
    }

    /**
     * The alert service for these receivers, printing to the console as well.
     *
     * @param options  topic prefix and sizing: alerts are read from PREFIXalerts, pause requests go to
     *                 PREFIXcommands and the delivery ledger is PREFIXalert-deliveries
     * @param registry where the alert service's meters go
     * @param clock    the command's wall clock, read by the service and its receivers
     */
    public AlertService service(
            KafkaConnection kafka, String groupId, TopicOptions options, MeterRegistry registry, Clock clock) {
        AlertTopics topics = AlertTopics.withPrefix(options.prefix);
        List<AlertSink> sinks = new ArrayList<>();
        sinks.add(new ConsoleAlertSink(System.out));
        try {
            sinks.addAll(Receivers.sinks(config(), topics.commands(), clock));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(mixee.commandLine(), e.getMessage());
        }
        for (AlertSink sink : sinks.subList(1, sinks.size())) {
            System.err.println("[alerts] delivering to " + describe(sink));
        }
        return new AlertService(
                AlertServiceSettings.defaults(kafka, groupId, topics, clock)
                        .withTopicSizing(options.partitions, options.replicationFactor),
                sinks,
                registry);
    }

    /** What the operator needs to see at start; URLs redacted to scheme, host and port. */
    private static String describe(AlertSink sink) {
        if (sink instanceof AlertmanagerSink am) {
            return am.name() + " " + am.members() + ", re-sent every "
                    + am.resendInterval().orElseThrow().toSeconds() + " s";
        }
        if (sink instanceof PauseCommandSink pause) {
            return pause.name() + " (from " + pause.threshold().wireName() + " up)";
        }
        return sink.toString();
    }
}
