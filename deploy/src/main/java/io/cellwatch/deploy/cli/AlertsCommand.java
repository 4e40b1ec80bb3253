package io.cellwatch.deploy.cli;

import io.cellwatch.alerts.AlertService;
import io.cellwatch.deploy.KafkaRuntime;
import io.cellwatch.deploy.Resources;
import io.cellwatch.deploy.RunUntilStopped;
import io.cellwatch.model.kafka.KafkaConnection;
import io.cellwatch.streams.http.HttpApi;
import io.cellwatch.streams.http.WebConfig;
import io.cellwatch.streams.metrics.CellwatchMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The alert service alone: reads committed alerts and delivers them. */
@Command(
        name = "alerts",
        mixinStandardHelpOptions = true,
        header = "Delivers alerts: console, Alertmanager, webhooks, pause requests.",
        description = {
            "Reads the alerts topic (read_committed), keeps each alert's lifecycle (firing, escalated, resolved) and",
            "delivers every event at least once: to stdout, Alertmanager, webhooks, and pause requests on the commands",
            "topic. A receiver that is down is retried with backoff without holding back the others; what a receiver",
            "accepted is remembered in the PREFIXalert-deliveries topic, so a restart does not notify it twice."
        })
public final class AlertsCommand implements Callable<Integer> {
    @Mixin
    KafkaOptions kafka;

    @Mixin
    ReceiverOptions receivers;

    @Mixin
    WebOptions web;

    @Option(
            names = "--group-id",
            defaultValue = AlertService.DEFAULT_GROUP_ID,
            description =
                    "Consumer group of the alert service; instances with one group share the work (default: ${DEFAULT-VALUE}).")
    String groupId;

    @Option(
            names = "--metrics-port",
            defaultValue = "8082",
            paramLabel = "PORT",
            description = "Serve the alert service's /metrics and /health on this port (default: ${DEFAULT-VALUE};"
                    + " -1: off; 0: any free port).")
    int metricsPort;

    @Option(
            names = "--metrics-host",
            defaultValue = "0.0.0.0",
            paramLabel = "HOST",
            description = "Address the metrics endpoint binds to (default: ${DEFAULT-VALUE}).")
    String metricsHost;

    /** The service's one wall clock: alert start and end times, re-send deadlines, retries. */
    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws Exception {
        KafkaConnection cluster = kafka.requireCluster("alerts");
        receivers.config(); // a wrong receivers file or URL stops here, before anything starts
        WebConfig webConfig = web.config(); // and so does a wrong web config
        RunUntilStopped runner = new RunUntilStopped();
        try (Resources resources = new Resources()) {
            KafkaRuntime runtime = kafka.open(resources, cluster);
            PrometheusMeterRegistry registry = CellwatchMetrics.prometheusRegistry();
            AlertService alerts = receivers.service(runtime.connection(), groupId, kafka.topics, registry, clock);
            if (metricsPort >= 0) {
                HttpApi http = resources.add(
                        "http", HttpApi.start(metricsHost, metricsPort, registry, alerts::healthy, webConfig));
                System.err.println(
                        "[alerts] metrics on " + http.scheme() + "://" + metricsHost + ":" + http.port() + "/metrics");
            }
            HttpApi health = web.startHealthPort(metricsHost, alerts::healthy);
            if (health != null) {
                resources.add("health", health);
            }
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
