package io.cellwatch.deploy.cli;

import io.cellwatch.deploy.Resources;
import io.cellwatch.ingest.kafka.SampleProducer;
import io.cellwatch.model.TopicNames;
import io.cellwatch.model.kafka.KafkaConnection;
import io.cellwatch.simulator.SimulationFeed;
import io.cellwatch.simulator.Simulator;
import io.cellwatch.simulator.SimulatorConfig;
import java.time.Clock;

/**
 * Simulated channels played into Kafka in accelerated time, as {@code demo} and {@code ingest --simulate}
 * run them: the simulated test starts now by the command's clock, channel metadata carries the
 * {@code --group} replicate groups, and the feed runs on its own thread until the command's resources close.
 */
record LiveSimulation(Simulator simulator, SimulationFeed feed) {

    static LiveSimulation start(
            Resources resources,
            KafkaConnection kafka,
            TopicNames topics,
            SimulationOptions lab,
            String group,
            Clock clock) {
        Simulator simulator = Simulator.create(
                new SimulatorConfig(lab.channels, lab.seed, lab.sampleIntervalS, clock.millis(), true));
        SampleProducer producer = resources
                .add("producer", new SampleProducer(kafka, topics))
                .describingChannels(SimulatedGroups.named(group));
        SimulationFeed feed = new SimulationFeed(simulator, producer, lab.acceleration, clock);
        resources.startThread("simulator", feed, feed);
        return new LiveSimulation(simulator, feed);
    }
}
