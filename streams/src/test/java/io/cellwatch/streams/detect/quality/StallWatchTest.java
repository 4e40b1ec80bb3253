package io.cellwatch.streams.detect.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertKind;
import io.cellwatch.model.AlertStatus;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.Sample;
import io.cellwatch.model.StepType;
import io.cellwatch.streams.topology.TopologySettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stall warning's limit: the settings' 30 minutes, or twice the channel's own logging cadence. */
class StallWatchTest {
    private static final ChannelInfo CELL = ChannelInfo.defaultsFor("ch");
    private static final DataQualitySettings SETTINGS = DataQualitySettings.defaults();
    private final StallWatch watch =
            TopologySettings.defaultDetectors().dataQuality().orElseThrow().stallWatch();
    private final StallState state = new StallState();
    private long dataPoint;

    /** A charge row at test time {@code s}, arriving then (a cycler logging in real time). */
    private List<Alert> row(double s, int step) {
        return row(s, step, Math.round(s * 1000));
    }

    /** A charge row at test time {@code s}, arriving at {@code arrivalMs}. */
    private List<Alert> row(double s, int step, long arrivalMs) {
        Sample sample = new Sample(
                Sample.SCHEMA_VERSION,
                "ch",
                ++dataPoint,
                Math.round(s * 1000),
                s,
                1,
                step,
                StepType.CHARGE,
                3.4,
                0.1,
                0.0,
                0.0,
                null,
                null,
                null);
        return watch.onSample(state, sample, arrivalMs, CELL);
    }

    private long dueAfterLastS() {
        return (watch.dueAtMs(state, CELL).orElseThrow() - state.lastArrivalMs()) / 1000;
    }

    @Test
    void aChannelLoggingEveryMinuteIsStalledAfterTheSettingsThirtyMinutes() {
        for (int i = 0; i < 40; i++) {
            row(60.0 * i, 1);
        }
        assertThat(dueAfterLastS()).isEqualTo((long) SETTINGS.stalledAfterS());
        List<Alert> fired = watch.check(state, CELL, state.lastArrivalMs() + 1000 * (long) SETTINGS.stalledAfterS());
        assertThat(fired).singleElement().satisfies(alert -> {
            assertThat(alert.kind()).isEqualTo(AlertKind.DATA_QUALITY_STALLED);
            assertThat(alert.evidence()).containsEntry("loggingCadenceS", 60.0);
        });
        // The next row resolves it.
        assertThat(row(60.0 * 40 + 1900, 1))
                .singleElement()
                .extracting(Alert::status)
                .isEqualTo(AlertStatus.RESOLVED);
    }

    @Test
    void aChannelWhoseTimeFallbackIsThirtyMinutesIsStalledOnlyUntilItsHabitRecurs() {
        double t = 0;
        for (int i = 0; i < 10; i++) {
            row(t, 1);
            t += 10; // a few rows while the voltage still moves
        }
        t -= 10;
        int fired = 0;
        for (int i = 0; i < 20; i++) {
            t += 1800; // then the plateau: only the 30-minute fallback writes a row
            fired += watch.check(state, CELL, Math.round(t * 1000)).size(); // the punctuation just before the row
            fired += row(t, 1).stream()
                    .filter(a -> a.status() == AlertStatus.FIRING)
                    .count();
        }
        // The first two plateau intervals reach the settings' limit: a habit is one that recurs.
        assertThat(fired).isEqualTo(2);
        assertThat(dueAfterLastS()).isEqualTo(3600);
        assertThat(watch.check(state, CELL, Math.round(t * 1000) + 3_600_000 - 1))
                .isEmpty();
        assertThat(watch.check(state, CELL, Math.round(t * 1000) + 3_600_000)).hasSize(1);
    }

    @Test
    void aStallsOwnSilenceAndABacklogArrivingAtOnceAreNotTheChannelsHabit() {
        double t = 0;
        for (int i = 0; i < 10; i++) {
            row(t += 60, 1);
        }
        row(t += 3000, 1); // the export crashed for 50 min and came back in the same step
        assertThat(dueAfterLastS()).isEqualTo((long) SETTINGS.stalledAfterS());
        // A backlog: rows an hour apart in test time, delivered a second apart (a restart catching up).
        long arrival = Math.round(t * 1000);
        for (int i = 0; i < 5; i++) {
            row(t += 3600, 1, arrival += 1000);
        }
        assertThat(state.cadenceS()).as("still the minute it logs at").isEqualTo(60.0);
        assertThat(dueAfterLastS()).isEqualTo((long) SETTINGS.stalledAfterS());
    }

    @Test
    void aHoleInsideAStepOrAStepChangeIsNotACadenceAndAnOldCadenceIsForgotten() {
        double t = 0;
        for (int i = 0; i < 10; i++) {
            row(t += 60, 1);
        }
        row(t += SETTINGS.maxSampleGapS() + 1, 1); // lost data, not the habit
        row(t += 5000, 2); // the next step's first row: an interval across steps
        row(t += 60, 2);
        assertThat(dueAfterLastS()).isEqualTo((long) SETTINGS.stalledAfterS());
        // A 25-minute cadence for a while, then a minute's for two days: the limit is back at the settings'.
        for (int i = 0; i < 5; i++) {
            row(t += 1500, 2);
        }
        assertThat(dueAfterLastS()).isEqualTo(3000);
        for (int i = 0; i < 2 * StallWatch.CADENCE_BLOCK_S / 60; i++) {
            row(t += 60, 2);
        }
        assertThat(dueAfterLastS()).isEqualTo((long) SETTINGS.stalledAfterS());
        // A cadence near the lost-data gap stops the limit there.
        for (int i = 0; i < 3; i++) {
            row(t += SETTINGS.maxSampleGapS() - 1, 2);
        }
        assertThat(dueAfterLastS()).isEqualTo((long) SETTINGS.maxSampleGapS());
        // A new test (its clock starts over) forgets the old one's cadence.
        row(0, 1);
        row(60, 1);
        assertThat(dueAfterLastS()).isEqualTo((long) SETTINGS.stalledAfterS());
    }
}
