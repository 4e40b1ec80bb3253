package io.cellwatch.streams.topology;

import io.cellwatch.model.Alert;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import io.cellwatch.streams.metrics.MicrometerPipelineTelemetry;
import io.cellwatch.streams.testing.TopologyHarness;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test of the live topology as deployed with its default settings: a fresh test driver per test,
 * its meters in a registry the test can read, and its topics under the names the tests use.
 */
abstract class DefaultTopologyTest {
    @TempDir
    Path stateDir;

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final MicrometerPipelineTelemetry telemetry = new MicrometerPipelineTelemetry(registry, Clock.systemUTC());
    TopologyHarness harness;
    TopologyTestDriver driver;
    TestInputTopic<String, Sample> samples;
    TestInputTopic<String, ChannelInfo> channels;
    TestOutputTopic<String, CycleSummary> cycles;
    TestOutputTopic<String, Alert> alerts;

    @BeforeEach
    void start() {
        harness = new TopologyHarness(stateDir, TopologySettings.defaults(), telemetry);
        driver = harness.driver;
        samples = harness.samples;
        channels = harness.channels;
        cycles = harness.cycles;
        alerts = harness.alerts;
    }

    @AfterEach
    void stop() {
        harness.close();
    }
}
