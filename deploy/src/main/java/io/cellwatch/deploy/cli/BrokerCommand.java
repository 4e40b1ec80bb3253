package io.cellwatch.deploy.cli;

import io.cellwatch.deploy.KafkaRuntime;
import io.cellwatch.deploy.Resources;
import io.cellwatch.deploy.RunUntilStopped;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** A single-node Kafka for a small lab or for running the services as separate processes. */
@Command(
        name = "broker",
        mixinStandardHelpOptions = true,
        header = "Runs the embedded single-node KRaft broker with cellwatch's topics.",
        description = {
            "Runs the embedded single-node KRaft Kafka broker (data under the state directory) and",
            "creates cellwatch's topics. Point the other commands at it with --bootstrap-servers localhost:19092."
        })
public final class BrokerCommand implements Callable<Integer> {
    @Mixin
    TopicOptions topics;

    @Mixin
    EmbeddedBrokerOptions broker;

    @Mixin
    StateOptions state;

    @Override
    public Integer call() throws Exception {
        RunUntilStopped runner = new RunUntilStopped();
        try (Resources resources = new Resources()) {
            KafkaRuntime runtime =
                    broker.open(resources, null, topics, state.root().resolve("broker"));
            System.err.println("[broker] Kafka on " + runtime.bootstrapServers() + " (data in "
                    + state.root().resolve("broker") + "); Ctrl-C stops.");
            runner.await(Duration.ZERO, Duration.ofSeconds(60), null);
        } finally {
            runner.done();
        }
        return 0;
    }
}
