package io.cellwatch.deploy.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bounded form of {@code cellwatch chaos} in every build: 200 channels with every failure
 * scenario twice, a 3-broker cluster (RF 3, min ISR 2), two streams JVMs, the follow ingester and
 * the alert service, three SIGKILLs of a streams instance, a broker killed and restarted with the
 * ingester killed under it, the alert service killed once; then everything on the topics, read
 * with read_committed, must equal replay of the fleet's files, with nothing dead-lettered and every
 * alert event at the webhook once. Each kill's recovery time is printed, not asserted: it measures
 * the machine as much as cellwatch. The long form (12 kills, 2 broker restarts) is {@code ./cellwatch
 * chaos}; its figures are in the README.
 */
class ChaosIT {
    @TempDir
    Path work;

    @Test
    void everyCycleAndAlertOnceAndEqualToReplayThroughKillsAndABrokerRestart() throws Exception {
        ChaosSettings settings = new ChaosSettings(
                work,
                200, // channels
                2, // of each failure scenario
                120, // simulated seconds between samples
                600, // acceleration: 1,000 rows a second, which a 2-core CI machine running seven JVMs keeps up with
                6, // partitions
                3, // streams kills
                Duration.ofSeconds(10),
                Duration.ofSeconds(30),
                1, // broker restart, with the ingester killed under it
                1, // alert-service kill
                7);
        ChaosReport report = ChaosRun.run(settings, System.err);
        report.print(System.err);

        assertThat(report.streamsKillCount()).isEqualTo(3);
        assertThat(report.brokerRestarts()).isEqualTo(1);
        assertThat(report.ingesterKills()).isEqualTo(1);
        assertThat(report.alertServiceKills()).isEqualTo(1);
        assertThat(report.exitedAlone())
                .as("processes that died without being killed")
                .isEmpty();
        ChaosVerification verdict = report.verification();
        assertThat(verdict.samples().expected()).as("the fleet wrote rows").isGreaterThan(0);
        assertThat(verdict.cycles().expected()).as("replay summarized cycles").isGreaterThan(0);
        assertThat(verdict.alerts().expected())
                .as("the failure scenarios alerted")
                .isGreaterThan(0);
        assertThat(verdict.samples().mismatches()).as(verdict.samples().line()).isZero();
        assertThat(verdict.cycles().mismatches()).as(verdict.cycles().line()).isZero();
        assertThat(verdict.alerts().mismatches()).as(verdict.alerts().line()).isZero();
        assertThat(verdict.webhook().mismatches()).as(verdict.webhook().line()).isZero();
        assertThat(verdict.pauses().mismatches()).as(verdict.pauses().line()).isZero();
        assertThat(verdict.deadLetters()).as("dead-lettered records").isZero();
        assertThat(report.mismatches()).isZero();
    }
}
