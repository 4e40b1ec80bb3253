package io.cellwatch.deploy.cli;

import io.cellwatch.alerts.AlertService;
import io.cellwatch.alerts.delivery.ConsoleAlertSink;
import io.cellwatch.deploy.KafkaRuntime;
import io.cellwatch.deploy.Resources;
import io.cellwatch.deploy.RunUntilStopped;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The alert service alone: reads committed alerts and delivers them. */
@Command(name = "alerts", mixinStandardHelpOptions = true,
        description = "Reads the alerts topic (read_committed) and delivers every alert event; prints them to stdout.")
public final class AlertsCommand implements Callable<Integer> {
    @Mixin
    KafkaOptions kafka;

    @Mixin
    StateOptions state;

    @Option(names = "--group-id", defaultValue = AlertService.DEFAULT_GROUP_ID,
            description = "Consumer group of the alert service (default: ${DEFAULT-VALUE}).")
    String groupId;

    @Override
    public Integer call() throws Exception {
        RunUntilStopped runner = new RunUntilStopped();
        try (Resources resources = new Resources()) {
            KafkaRuntime runtime = resources.add("kafka", KafkaRuntime.open(kafka.requireCluster("alerts"),
                    state.root().resolve("broker"), kafka.brokerPort, kafka.controllerPort, kafka.topics(),
                    kafka.partitions, kafka.replicationFactor));
            AlertService alerts = new AlertService(runtime.bootstrapServers(), groupId, kafka.topics().alerts(),
                    List.of(new ConsoleAlertSink(System.out)));
            resources.startThread("alerts", alerts, alerts);
            System.err.println("[alerts] reading " + kafka.topics().alerts() + " on " + runtime.bootstrapServers()
                    + "; Ctrl-C stops.");
            runner.await(Duration.ZERO, Duration.ofSeconds(60), null);
        } finally {
            runner.done();
        }
        return 0;
    }
}
