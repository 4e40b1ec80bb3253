package io.cellwatch.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertKind;
import io.cellwatch.model.AlertStatus;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.Severity;
import io.cellwatch.simulator.lab.CycleTruth;
import io.cellwatch.simulator.lab.FaultFamily;
import io.cellwatch.simulator.lab.LabTruth;
import io.cellwatch.simulator.lab.ShortTrace;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scorer's rules on hand-made truths and alert lists: no simulator, no detector. */
class ScoringTest {
    private static final double H = 3600;

    private static LabTruth truth(FaultFamily family, Double onsetH, Double deathH, double endH) {
        return new LabTruth(
                "ch",
                "t",
                1,
                family,
                "test cell",
                "test",
                onsetH == null ? null : 10,
                onsetH == null ? null : onsetH * H,
                deathH == null ? null : 14,
                deathH == null ? null : deathH * H,
                deathH == null ? null : "test",
                null,
                List.of(
                        new CycleTruth(10, 0, 100 * H, 110 * H, 0.003, 500, 0.006),
                        new CycleTruth(11, 0, 110 * H, 120 * H, 0.003, 250, 0.012)),
                List.of(),
                List.of(new LabTruth.Segment(0, 0)),
                List.of(new LabTruth.ShortChange(100 * H, 500), new LabTruth.ShortChange(110 * H, 250)),
                endH * H,
                new ShortTrace());
    }

    /** {@code base} with other cycles and another short. */
    private static LabTruth with(
            LabTruth base, List<CycleTruth> cycles, List<LabTruth.ShortChange> changes, ShortTrace trace) {
        return new LabTruth(
                base.channelId(),
                base.template(),
                base.seed(),
                base.family(),
                base.chemistry(),
                base.description(),
                base.onsetCycle(),
                base.onsetS(),
                base.deathCycle(),
                base.deathS(),
                base.deathCause(),
                null,
                cycles,
                base.events(),
                base.segments(),
                changes,
                base.endS(),
                trace);
    }

    private static LoggedAlert alert(
            AlertKind kind, Severity severity, int cycle, double hours, Map<String, Double> evidence) {
        return alert(kind, severity, AlertStatus.FIRING, cycle, cycle, hours, evidence);
    }

    private static LoggedAlert alert(
            AlertKind kind,
            Severity severity,
            AlertStatus status,
            int firstCycle,
            int cycle,
            double hours,
            Map<String, Double> evidence) {
        Alert a = new Alert(
                Alert.SCHEMA_VERSION,
                Alert.episodeId("ch", kind, firstCycle),
                "ch",
                kind,
                severity,
                status,
                cycle,
                hours * H,
                null,
                "m",
                evidence);
        return new LoggedAlert(a, 0, hours * H);
    }

    private static ChannelLog log(LabTruth truth, LoggedAlert... alerts) {
        ChannelLog log = new ChannelLog(ChannelInfo.defaultsFor("ch"), false);
        for (LoggedAlert a : alerts) {
            log.onAlert(a);
        }
        log.truth(truth);
        return log;
    }

    @Test
    void falseAlarmsOfAShortKindAreListedBeforeDataQualityWarnings() {
        LabTruth healthy = truth(FaultFamily.NONE, null, null, 200);
        ChannelLog log = log(
                healthy,
                alert(AlertKind.DATA_QUALITY_STALLED, Severity.WARNING, 3, 20, Map.of()),
                alert(AlertKind.DATA_QUALITY_COARSE_LOGGING, Severity.WARNING, 4, 30, Map.of()),
                alert(AlertKind.SOFT_SHORT_CE_FLUCTUATION, Severity.WARNING, 5, 40, Map.of()));
        List<String> lines = PopulationTables.alarmLines(List.of(log));
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).contains("soft_short_ce_fluctuation");
        assertThat(lines.get(1)).as("the rest in their order").contains("data_quality_stalled");
    }

    @Test
    void everyKindReportsOneFamilyAndUnknownKindsReportNone() {
        assertThat(KindFamilies.familyOf(AlertKind.SOFT_SHORT_CAPACITY_DIVERGENCE))
                .isEqualTo(FaultFamily.SOFT_SHORT);
        assertThat(KindFamilies.familyOf(AlertKind.IMMINENT_SHORT)).isEqualTo(FaultFamily.SOFT_SHORT);
        assertThat(KindFamilies.familyOf(AlertKind.HARD_SHORT)).isEqualTo(FaultFamily.HARD_SHORT);
        assertThat(KindFamilies.familyOf(AlertKind.CRITICAL_CURRENT_DENSITY))
                .isEqualTo(FaultFamily.CRITICAL_CURRENT_DENSITY);
        assertThat(KindFamilies.familyOf(AlertKind.OVERPOTENTIAL_DRIFT)).isEqualTo(FaultFamily.OVERPOTENTIAL);
        assertThat(KindFamilies.familyOf(AlertKind.CAPACITY_FADE)).isEqualTo(FaultFamily.CAPACITY_LOSS);
        assertThat(KindFamilies.detects(AlertKind.CAPACITY_FADE, FaultFamily.SOFT_SHORT))
                .isFalse();
        assertThat(KindFamilies.detects(AlertKind.CAPACITY_FADE, FaultFamily.NONE))
                .isFalse();
        assertThat(KindFamilies.table(true)).hasSize(AlertKind.values().length);
    }

    @Test
    void aReplicateOutlierCountsForTheFamilyOfTheQuantityThatLeftTheGroup() {
        LabTruth shorting = truth(FaultFamily.SOFT_SHORT, 100.0, null, 200);
        LoggedAlert capacityOutlier =
                alert(AlertKind.REPLICATE_OUTLIER, Severity.WARNING, 11, 105, Map.of("quantity", 2.0));
        LoggedAlert ceOutlier = alert(AlertKind.REPLICATE_OUTLIER, Severity.WARNING, 12, 108, Map.of("quantity", 1.0));
        FaultScore score = FaultScore.of(log(shorting, capacityOutlier, ceOutlier));
        assertThat(score.detection()).as("the CE outlier, not the capacity one").isSameAs(ceOutlier);
        assertThat(score.otherAfterOnset()).containsExactly(capacityOutlier);
        assertThat(KindFamilies.familyOf(capacityOutlier.alert())).isEqualTo(FaultFamily.CAPACITY_LOSS);
        assertThat(KindFamilies.familyOf(
                        alert(AlertKind.REPLICATE_OUTLIER, Severity.WARNING, 12, 108, Map.of("quantity", 3.0))
                                .alert()))
                .isEqualTo(FaultFamily.OVERPOTENTIAL);
        assertThat(KindFamilies.familyOf(alert(AlertKind.REPLICATE_OUTLIER, Severity.WARNING, 12, 108, Map.of())
                        .alert()))
                .as("no quantity named: no family")
                .isEqualTo(FaultFamily.NONE);
        // On a healthy cell a CE outlier is a short-kind false alarm.
        FalseAlarmTally healthy = FalseAlarmTally.of(List.of(log(truth(FaultFamily.NONE, null, null, 200), ceOutlier)));
        assertThat(healthy.shortEpisodes()).isEqualTo(1);
    }

    @Test
    void onlyAnAlertOfTheFaultsFamilyAfterTheOnsetIsADetectionAndWarningsCount() {
        LabTruth truth = truth(FaultFamily.SOFT_SHORT, 100.0, 140.0, 142);
        FaultScore score = FaultScore.of(log(
                truth,
                alert(AlertKind.CAPACITY_FADE, Severity.WARNING, 9, 95, Map.of()),
                alert(AlertKind.CAPACITY_FADE, Severity.WARNING, 10, 103, Map.of()),
                alert(AlertKind.SOFT_SHORT_CE_FLUCTUATION, Severity.WARNING, 11, 112, Map.of()),
                alert(
                        AlertKind.SOFT_SHORT_CE_FLUCTUATION,
                        Severity.CRITICAL,
                        AlertStatus.FIRING,
                        11,
                        12,
                        121,
                        Map.of())));
        assertThat(score.caught()).isTrue();
        assertThat(score.detection().alert().kind()).isEqualTo(AlertKind.SOFT_SHORT_CE_FLUCTUATION);
        assertThat(score.detection().alert().severity()).isEqualTo(Severity.WARNING);
        assertThat(score.delayH()).isCloseTo(12, within(1e-9));
        assertThat(score.delayCycles()).isEqualTo(1);
        assertThat(score.leadH()).isCloseTo(28, within(1e-9));
        assertThat(score.leadCycles()).isEqualTo(3);
        assertThat(score.firstCritical().channelHours()).isCloseTo(121, within(1e-9));
        // The fade warning before the onset is a false alarm; the one after it is listed, not counted.
        assertThat(score.falseAlarms()).hasSize(1);
        assertThat(score.otherAfterOnset()).extracting(a -> a.alert().kind()).containsExactly(AlertKind.CAPACITY_FADE);
    }

    @Test
    void aFollowUpOfAnEpisodeOpenedBeforeTheOnsetIsNotADetectionButItsEscalationIs() {
        LabTruth truth = truth(FaultFamily.SOFT_SHORT, 100.0, 140.0, 142);
        // A warning that opened at cycle 9, before the onset (a false alarm), says more at cycle 11 and 12 at the
        // same severity, then escalates at cycle 13.
        LoggedAlert opened = alert(AlertKind.SOFT_SHORT_CE_FLUCTUATION, Severity.WARNING, 9, 95, Map.of());
        LoggedAlert followUp =
                alert(AlertKind.SOFT_SHORT_CE_FLUCTUATION, Severity.WARNING, AlertStatus.FIRING, 9, 11, 112, Map.of());
        LoggedAlert escalated =
                alert(AlertKind.SOFT_SHORT_CE_FLUCTUATION, Severity.CRITICAL, AlertStatus.FIRING, 9, 13, 131, Map.of());
        FaultScore score = FaultScore.of(log(truth, opened, followUp, escalated));
        assertThat(score.falseAlarms()).containsExactly(opened);
        assertThat(score.detection()).isSameAs(escalated);
    }

    @Test
    void aDetectionCountsFromWhenItWasSentNotFromItsEvidence() {
        LabTruth truth = truth(FaultFamily.SOFT_SHORT, 100.0, 140.0, 142);
        // Evidence of cycle 11 at 112 h, sent only at 141 h (the cycle closed then): after the death, so late.
        LoggedAlert cycleAlert = alert(AlertKind.SOFT_SHORT_CE_FLUCTUATION, Severity.WARNING, 11, 112, Map.of());
        LoggedAlert sentLate = new LoggedAlert(cycleAlert.alert(), 0, cycleAlert.channelS(), 141 * H);
        FaultScore late = FaultScore.of(log(truth, sentLate));
        assertThat(late.detection()).isSameAs(sentLate);
        assertThat(late.late()).isTrue();
        assertThat(late.delayH()).isCloseTo(41, within(1e-9));
        assertThat(late.leadH()).isCloseTo(-1, within(1e-9));
        // Sent at 113 h: caught, its delay and lead from 113 h.
        FaultScore caught = FaultScore.of(log(truth, new LoggedAlert(cycleAlert.alert(), 0, 112 * H, 113 * H)));
        assertThat(caught.caught()).isTrue();
        assertThat(caught.delayH()).isCloseTo(13, within(1e-9));
        assertThat(caught.leadH()).isCloseTo(27, within(1e-9));
        // Evidence from before the onset sent after it is about data before the fault: a false alarm, not a detection.
        LoggedAlert early = alert(AlertKind.SOFT_SHORT_CE_FLUCTUATION, Severity.WARNING, 9, 99, Map.of());
        FaultScore before = FaultScore.of(log(truth, new LoggedAlert(early.alert(), 0, 99 * H, 101 * H)));
        assertThat(before.missed()).isTrue();
        assertThat(before.falseAlarms()).hasSize(1);
    }

    @Test
    void anEstimateOfAShortThatCarriedNoCurrentIsScoredAsWrongNotSkipped() {
        LabTruth base = truth(FaultFamily.SOFT_SHORT, 100.0, null, 130);
        List<CycleTruth> cycles = new java.util.ArrayList<>(base.cycles());
        cycles.add(new CycleTruth(12, 0, 120 * H, 130 * H, 0.003, Double.NaN, 0)); // the contacts apart
        LabTruth truth = with(base, cycles, base.shortChanges(), base.shortTrace());
        // The first alert after the onset names cycle 12, where the short carried no current; the second cycle 11.
        LoggedAlert nothingThere = alert(
                AlertKind.SOFT_SHORT_CAPACITY_DIVERGENCE,
                Severity.WARNING,
                12,
                125,
                Map.of(
                        "shortResistanceOhm", 300.0,
                        "shortResistanceUncertaintyOhm", 50.0,
                        "leakCurrentA", 0.0001,
                        "leakCurrentUncertaintyA", 0.001));
        LoggedAlert right = alert(
                AlertKind.SOFT_SHORT_CAPACITY_DIVERGENCE,
                Severity.CRITICAL,
                AlertStatus.FIRING,
                12,
                11,
                126,
                Map.of("shortResistanceOhm", 250.0, "leakCurrentA", 0.012));
        FaultScore score = FaultScore.of(log(truth, nothingThere, right));
        assertThat(score.resistance().alert()).isSameAs(nothingThere);
        assertThat(score.resistance().hasTruth()).isFalse();
        assertThat(score.resistance().relativeError()).isInfinite();
        assertThat(score.leakCurrent().truth()).isZero();
        assertThat(score.leakCurrent().relativeError()).isInfinite();
        // Its stated intervals: 200–400 Ω cannot hold a short that was not there; 0.1 ± 2 mA holds a leak of 0.
        assertThat(score.resistanceBounds().alert()).isSameAs(nothingThere);
        assertThat(score.resistanceBounds().inside()).isFalse();
        assertThat(score.leakBounds().inside()).isTrue();
        FamilyTally tally = new FamilyTally("t", FaultFamily.SOFT_SHORT, List.of(score));
        assertThat(MarkdownCells.estimate(tally.resistanceError())).isEqualTo("∞ (max ∞, 1 seeds)");
        assertThat(FarEstimates.lines(List.of(tally)))
                .singleElement()
                .asString()
                .contains("where no short carried current in what it names");
        // A cycle the truth knows nothing of (13) has no truth at all: still that first estimate, never inside.
        FaultScore unknown = FaultScore.of(log(
                truth,
                alert(AlertKind.SOFT_SHORT_CAPACITY_DIVERGENCE, Severity.WARNING, 13, 129, Map.of("leakCurrentA", 0.0)),
                right));
        assertThat(unknown.leakCurrent().truth()).isNaN();
        assertThat(unknown.leakCurrent().relativeError())
                .as("nothing to judge it by")
                .isNaN();
        assertThat(unknown.leakBounds().inside()).isFalse();
    }

    @Test
    void aWrongKindIsAMissAndARightKindAfterThePhysicalDeathIsLate() {
        LabTruth truth = truth(FaultFamily.SOFT_SHORT, 100.0, 140.0, 142);
        FaultScore wrongKind =
                FaultScore.of(log(truth, alert(AlertKind.CAPACITY_FADE, Severity.WARNING, 11, 112, Map.of())));
        assertThat(wrongKind.missed()).isTrue();
        assertThat(wrongKind.falseAlarms()).isEmpty();
        FaultScore late =
                FaultScore.of(log(truth, alert(AlertKind.IMMINENT_SHORT, Severity.CRITICAL, 14, 141, Map.of())));
        assertThat(late.late()).isTrue();
        assertThat(late.caught()).isFalse();
        assertThat(late.leadH()).isCloseTo(-1, within(1e-9));
    }

    @Test
    void aDetectionOnTheRowReadAtTheMomentOfDeathIsCaughtThoughItsStampRoundsPastIt() {
        // The death at an unrounded moment; the row read at that moment is stamped to the millisecond.
        double deathS = 100.1 * H + 0.000_643;
        LabTruth truth = truth(FaultFamily.CRITICAL_CURRENT_DENSITY, 100.0, deathS / H, 102);
        double stampedS = Math.round(deathS * 1000) / 1000.0;
        FaultScore atDeath = FaultScore.of(rowsAt(
                truth,
                alert(AlertKind.CRITICAL_CURRENT_DENSITY, Severity.CRITICAL, 14, stampedS / H, Map.of()),
                99.95,
                stampedS / H));
        assertThat(stampedS).isGreaterThan(deathS);
        assertThat(atDeath.caught()).isTrue();
        assertThat(atDeath.leadH()).isZero();
        assertThat(atDeath.onsetReadings().inTime()).isEqualTo(1);
        // The next millisecond's stamp is a row read after the death.
        FaultScore after = FaultScore.of(rowsAt(
                truth,
                alert(AlertKind.CRITICAL_CURRENT_DENSITY, Severity.CRITICAL, 14, (stampedS + 0.001) / H, Map.of()),
                99.95,
                (stampedS + 0.001) / H));
        assertThat(after.late()).isTrue();
        assertThat(after.onsetReadings().inTime()).isZero();
    }

    /** A log that kept its rows' times, with rows at these hours. */
    private static ChannelLog rowsAt(LabTruth truth, LoggedAlert detection, double... hours) {
        ChannelLog log = new ChannelLog(ChannelInfo.defaultsFor("ch"), false).watchingRowsAroundOnset();
        for (double h : hours) {
            log.onSample(h * H);
        }
        log.onAlert(detection);
        log.truth(truth);
        return log;
    }

    @Test
    void aLateSeedSaysWhetherAnyRowCameBetweenTheOnsetAndTheDeathAndStaysLate() {
        // The short at 100 h, the death at 100.1 h; the detector speaks on the first row after the onset.
        LabTruth truth = truth(FaultFamily.CRITICAL_CURRENT_DENSITY, 100.0, 100.1, 102);
        LoggedAlert atTheRowAfterDeath =
                alert(AlertKind.CRITICAL_CURRENT_DENSITY, Severity.CRITICAL, 14, 100.15, Map.of());
        FaultScore unobservable = FaultScore.of(rowsAt(truth, atTheRowAfterDeath, 99.9, 99.95, 100.15, 100.2));
        assertThat(unobservable.late()).as("late stays late").isTrue();
        assertThat(unobservable.lateWithoutRowInTime()).isTrue();
        assertThat(unobservable.onsetReadings().firstAfterOnsetS()).isCloseTo(100.15 * H, within(1e-6));
        assertThat(unobservable.onsetReadings().lastBeforeOnsetS()).isCloseTo(99.95 * H, within(1e-6));
        assertThat(unobservable.onsetReadings().describe(truth))
                .startsWith("no row between the onset and the death: first row after the onset 540.0 s after it,"
                        + " 180.0 s after the death");
        // A row at 100.05 h was in time: the detector waited past it.
        FaultScore waited = FaultScore.of(rowsAt(truth, atTheRowAfterDeath, 99.95, 100.05, 100.15));
        assertThat(waited.late()).isTrue();
        assertThat(waited.lateWithoutRowInTime()).isFalse();
        assertThat(waited.onsetReadings().inTime()).isEqualTo(1);
        assertThat(waited.onsetReadings().describe(truth)).contains("180.0 s after it, 180.0 s before the death");
        FamilyTally tally = new FamilyTally("t", FaultFamily.CRITICAL_CURRENT_DENSITY, List.of(unobservable, waited));
        assertThat(tally.late()).isEqualTo(2);
        assertThat(tally.lateWithoutRowInTime()).isEqualTo(1);
    }

    @Test
    void aMissWithoutARowAfterTheOnsetSaysSo() {
        LabTruth truth = truth(FaultFamily.HARD_SHORT, 100.0, 100.1, 102);
        LoggedAlert unrelated = alert(AlertKind.CAPACITY_FADE, Severity.WARNING, 9, 90, Map.of());
        FaultScore missed = FaultScore.of(rowsAt(truth, unrelated, 95, 96));
        assertThat(missed.missed()).isTrue();
        assertThat(missed.lateWithoutRowInTime()).isFalse();
        assertThat(missed.onsetReadings().firstAfterOnsetS()).isNull();
        assertThat(missed.onsetReadings().describe(truth))
                .isEqualTo("no row logged after the onset in the run; the last before it 4.0 h before the onset");
        // A log that did not keep its rows has nothing to say.
        assertThat(FaultScore.of(log(truth, unrelated)).onsetReadings()).isNull();
    }

    @Test
    void aHardShortIsItsOwnDeathSoItsDetectionCountsWithADelayAndNoLead() {
        LabTruth truth = truth(FaultFamily.HARD_SHORT, 100.0, 100.0, 102);
        FaultScore score =
                FaultScore.of(log(truth, alert(AlertKind.HARD_SHORT, Severity.CRITICAL, 10, 100.1, Map.of())));
        assertThat(score.caught()).isTrue();
        assertThat(score.delayH()).isCloseTo(0.1, within(1e-9));
        assertThat(score.leadH()).isNull();
        FaultScore soft = FaultScore.of(
                log(truth, alert(AlertKind.OVERPOTENTIAL_COLLAPSE, Severity.CRITICAL, 10, 100.1, Map.of())));
        assertThat(soft.missed()).isTrue();
    }

    @Test
    void anEstimateNamingItsFirstReadingIsScoredOverTheReadingsFromThereToTheAlert() {
        // A filament: 1 mA through 20 Ω for the first half hour after 100 h, then 3 mA through 5 Ω.
        ShortTrace trace = new ShortTrace();
        trace.clockAt(100 * H);
        for (int k = 0; k < 360; k++) {
            trace.step(10, k < 180 ? 0.02 : 0.015, k < 180 ? 0.001 : 0.003);
        }
        trace.close();
        LabTruth base = truth(FaultFamily.SOFT_SHORT, 100.0, null, 130);
        LabTruth truth = with(base, base.cycles(), List.of(new LabTruth.ShortChange(100 * H, Double.NaN)), trace);
        // Readings from 100.25 h to 100.75 h: 15 min at each; 0.3 C over 1800 s = 2 mA, 31.5 V·s / 0.0036·900 s.
        FaultScore score = FaultScore.of(log(
                truth,
                alert(
                        AlertKind.OVERPOTENTIAL_COLLAPSE,
                        Severity.CRITICAL,
                        10,
                        100.75,
                        Map.of(
                                "shortResistanceOhm",
                                8.75,
                                "leakCurrentA",
                                0.002,
                                "estimateFromTestTimeS",
                                100.25 * H))));
        assertThat(score.resistance().truth())
                .isCloseTo((0.02 * 900 + 0.015 * 900) / (0.001 * 900 + 0.003 * 900), within(1e-9));
        assertThat(score.resistance().relativeError()).isCloseTo(0, within(1e-9));
        assertThat(score.leakCurrent().truth()).isCloseTo(0.002, within(1e-12));
        // Without the key the same alert is scored as before: the cycle's effective value (cycle 10: 500 Ω).
        FaultScore cycle = FaultScore.of(log(
                truth,
                alert(
                        AlertKind.OVERPOTENTIAL_COLLAPSE,
                        Severity.CRITICAL,
                        10,
                        100.75,
                        Map.of("shortResistanceOhm", 8.75))));
        assertThat(cycle.resistance().truth()).isEqualTo(500);
    }

    @Test
    void estimatesInTheEvidenceAreScoredAgainstTheTruthAndAbsentOnesAreNone() {
        LabTruth truth = truth(FaultFamily.SOFT_SHORT, 100.0, null, 130);
        FaultScore with = FaultScore.of(log(
                truth,
                alert(
                        AlertKind.SOFT_SHORT_CAPACITY_DIVERGENCE,
                        Severity.WARNING,
                        11,
                        115,
                        Map.of("shortResistanceOhm", 300.0, "leakCurrentA", 0.009))));
        // At 115 h the short is 250 Ω; cycle 11's mean leak is 12 mA.
        assertThat(with.resistance().relativeError()).isCloseTo(0.2, within(1e-12));
        assertThat(with.leakCurrent().relativeError()).isCloseTo(-0.25, within(1e-12));
        FaultScore without = FaultScore.of(
                log(truth, alert(AlertKind.SOFT_SHORT_CAPACITY_DIVERGENCE, Severity.WARNING, 11, 115, Map.of())));
        assertThat(without.resistance()).isNull();
        assertThat(new FamilyTally("t", FaultFamily.SOFT_SHORT, List.of(without)).resistanceError())
                .isNull();
        FamilyTally.Spread spread =
                new FamilyTally("t", FaultFamily.SOFT_SHORT, List.of(with, without)).resistanceError();
        assertThat(spread.count()).isEqualTo(1);
        assertThat(spread.median()).isCloseTo(0.2, within(1e-12));
    }

    @Test
    void falseAlarmsAreEpisodesPerThousandChannelDaysCountedPerChannel() {
        LabTruth tenDays = truth(FaultFamily.NONE, null, null, 240);
        ChannelLog noisy = log(
                tenDays,
                alert(AlertKind.VOLTAGE_DROP, Severity.WARNING, AlertStatus.FIRING, 3, 3, 30, Map.of()),
                alert(AlertKind.VOLTAGE_DROP, Severity.CRITICAL, AlertStatus.FIRING, 3, 4, 40, Map.of()),
                alert(AlertKind.VOLTAGE_DROP, Severity.CRITICAL, AlertStatus.RESOLVED, 3, 9, 90, Map.of()),
                alert(AlertKind.CAPACITY_FADE, Severity.WARNING, 12, 120, Map.of()));
        ChannelLog quiet = log(tenDays);
        FalseAlarmTally tally = FalseAlarmTally.of(List.of(noisy, quiet));
        assertThat(tally.channels()).isEqualTo(2);
        assertThat(tally.channelsAlarmed()).isEqualTo(1);
        assertThat(tally.channelDays()).isCloseTo(20, within(1e-9));
        assertThat(tally.episodes()).isEqualTo(2);
        assertThat(tally.criticalEpisodes()).isEqualTo(1);
        assertThat(tally.shortEpisodes()).isEqualTo(1);
        assertThat(tally.perThousandChannelDays()).isCloseTo(100, within(1e-9));
        assertThat(tally.byKind()).containsEntry(AlertKind.VOLTAGE_DROP, 1).containsEntry(AlertKind.CAPACITY_FADE, 1);
        assertThat(FalseAlarmTally.of(List.of(quiet)).upperBound95PerThousandChannelDays())
                .isCloseTo(1000 * -Math.log(0.05) / 10, within(1e-6));
        // A channel whose rows the pipeline dropped after a record restart was not watched: said so.
        for (int i = 0; i < 100; i++) {
            quiet.onSample();
        }
        quiet.onStale(40);
        assertThat(FalseAlarmTally.of(List.of(quiet)).staleShare()).isEqualTo(0.4);
    }

    @Test
    void spreadsTakeTheMedianOfWhatIsThere() {
        FamilyTally.Spread s = FamilyTally.Spread.of(java.util.Arrays.asList(3.0, null, 1.0, 2.0, 10.0));
        assertThat(s.count()).isEqualTo(4);
        assertThat(s.median()).isEqualTo(2.5);
        assertThat(s.min()).isEqualTo(1.0);
        assertThat(s.max()).isEqualTo(10.0);
    }

    @Test
    void noAlarmIsNotAZeroRateItIsAnUpperBound() {
        assertThat(PoissonUpperBound.of(0, 0.95)).isCloseTo(-Math.log(0.05), within(1e-6));
        assertThat(PoissonUpperBound.cumulative(3, PoissonUpperBound.of(3, 0.95)))
                .isCloseTo(0.05, within(1e-6));
    }

    /** An imminent-short alert (judged at its moment) in cycle 11 at 115 h, where the short is 250 Ω and leaks 12 mA. */
    private static FaultScore imminent(Map<String, Double> evidence) {
        return FaultScore.of(log(
                truth(FaultFamily.SOFT_SHORT, 100.0, null, 130),
                alert(AlertKind.IMMINENT_SHORT, Severity.CRITICAL, 11, 115, evidence)));
    }

    @Test
    void estimatesFurtherOffThanThirtyPercentAreListedWithHowFarTheirOwnUncertaintyReached() {
        // The short is 250 Ω at the alert's moment: 340 Ω is 36 % high; ±50 Ω reaches it at 1.8 σ, ±10 Ω at 9 σ.
        FaultScore honest = imminent(Map.of("shortResistanceOhm", 340.0, "shortResistanceUncertaintyOhm", 50.0));
        FaultScore confident = imminent(Map.of("shortResistanceOhm", 340.0, "shortResistanceUncertaintyOhm", 10.0));
        FaultScore close = imminent(Map.of("shortResistanceOhm", 300.0, "shortResistanceUncertaintyOhm", 10.0));
        FaultScore low = imminent(Map.of("shortResistanceOhm", 150.0));
        FaultScore boundOnly = imminent(Map.of("shortResistanceUpperBoundOhm", 900.0));

        List<String> lines = FarEstimates.lines(List.of(
                new FamilyTally("t", FaultFamily.SOFT_SHORT, List.of(honest, confident, close, low, boundOnly))));

        assertThat(lines)
                .containsExactly(
                        "- t seed 1: R 340 Ω for a true 250 Ω (+36 %, 1.8 of its stated σ), from imminent_short"
                                + " critical at cycle 11, 15.0 h after onset",
                        "- t seed 1: R 340 Ω for a true 250 Ω (+36 %, 9.0 of its stated σ; the truth outside its"
                                + " stated interval), from imminent_short critical at cycle 11, 15.0 h after onset",
                        "- t seed 1: R 150 Ω for a true 250 Ω (-40 %, no uncertainty stated; the truth outside its"
                                + " stated interval), from imminent_short critical at cycle 11, 15.0 h after onset");
    }

    @Test
    void theTruthIsInsideTheStatedBoundsWhenTheEstimatePlusOrMinusTwoUncertaintiesOrTheNamedBoundsHoldIt() {
        FaultScore wide = imminent(Map.of("shortResistanceOhm", 300.0, "shortResistanceUncertaintyOhm", 30.0));
        FaultScore narrow = imminent(Map.of("shortResistanceOhm", 300.0, "shortResistanceUncertaintyOhm", 10.0));
        FaultScore bare = imminent(Map.of("shortResistanceOhm", 250.5, "leakCurrentA", 0.0121));
        FaultScore under = imminent(Map.of("shortResistanceUpperBoundOhm", 400.0, "leakCurrentLowerBoundA", 0.02));
        FaultScore over = imminent(Map.of("shortResistanceLowerBoundOhm", 260.0, "leakCurrentUpperBoundA", 0.02));

        // 300 ± 2·30 holds 250; 300 ± 2·10 does not; a value with no uncertainty is a point, a miss however close.
        assertThat(wide.resistanceBounds().inside()).isTrue();
        assertThat(narrow.resistanceBounds().inside()).isFalse();
        assertThat(bare.resistanceBounds().inside()).isFalse();
        // One-sided bounds: R under 400 Ω holds 250, R over 260 Ω does not; the leak (12 mA, the cycle's mean) is
        // under 20 mA, not over it.
        assertThat(under.resistanceBounds().inside()).isTrue();
        assertThat(over.resistanceBounds().inside()).isFalse();
        assertThat(under.leakBounds().inside()).isFalse();
        assertThat(over.leakBounds().inside()).isTrue();
        assertThat(over.leakBounds().truth()).isCloseTo(0.012, within(1e-12));
        // A bound is no estimate: the estimate columns do not see it.
        assertThat(under.resistance()).isNull();
        assertThat(wide.leakBounds()).isNull();

        FamilyTally tally = new FamilyTally("t", FaultFamily.SOFT_SHORT, List.of(wide, narrow, under, over, bare));
        assertThat(tally.resistanceInsideBounds()).isEqualTo(new FamilyTally.Inside(2, 5));
        assertThat(tally.leakInsideBounds()).isEqualTo(new FamilyTally.Inside(1, 3));
        assertThat(MarkdownCells.inside(tally.resistanceInsideBounds(), new FamilyTally.Inside(0, 0)))
                .isEqualTo("R 2/5, leak n/a");
    }

    @Test
    void boundsStatedBeforeTheOnsetAreNotScored() {
        FaultScore early = FaultScore.of(log(
                truth(FaultFamily.SOFT_SHORT, 100.0, null, 130),
                alert(
                        AlertKind.IMMINENT_SHORT,
                        Severity.CRITICAL,
                        9,
                        95,
                        Map.of("shortResistanceUpperBoundOhm", 1e4))));
        assertThat(early.resistanceBounds()).isNull();
    }
}
