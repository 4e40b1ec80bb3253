package io.cellwatch.ingest.format.biologic.mpr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.within;

import io.cellwatch.ingest.format.Collected;
import io.cellwatch.ingest.format.CyclerFormat;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.biologic.EcLabTextFormat;
import io.cellwatch.model.Sample;
import io.cellwatch.testing.RealCorpus;
import io.cellwatch.testing.RealCorpus.NotCycling;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The samples of an {@code .mpr} equal those {@link EcLabTextFormat} reads from EC-Lab's export of the
 * same run, where it reads the export: so {@code replay X.mpr} and {@code replay X.mpt} fold the same
 * numbers into the same cycles. Compared: record number, test time, voltage, current, cycle, step,
 * the capacity counters where the {@code .mpr} records {@code Q charge/discharge} (otherwise the
 * export has no counters and the text reader integrates the current) and the energies where the
 * {@code .mpr} records them. Every export is read without a malformed row, except those of techniques
 * that record no cycling (impedance, voltammetry, Wait): both readers refuse those, before any row,
 * with the errors the README's table gives ({@link RealCorpus#NOT_CYCLING}) and, where the export
 * names its technique, the same reason; their columns are compared with the {@code .mpr}'s by
 * {@code MprAgainstMptTest} alone. Not compared, by design: the step type (from EC-Lab's mode and ox/red
 * flags here, from the current's sign in the text reader), the wall time (the text export holds only
 * relative time) and the counter-electrode auxiliary channel.
 */
class MprAgainstEcLabTextFormatTest {
    private static final double RTOL = 1e-5;
    private static final double ATOL = 1e-12;

    @TestFactory
    Stream<DynamicTest> samplesEqualTheTextReadersOfTheExport() {
        return RealMprFiles.all().stream()
                .filter(mpr -> Files.isRegularFile(RealMprFiles.mptBeside(mpr)))
                .map(mpr -> DynamicTest.dynamicTest(RealMprFiles.relative(mpr), () -> compare(mpr)));
    }

    private static void compare(Path mpr) throws IOException {
        Path export = RealMprFiles.mptBeside(mpr);
        Optional<NotCycling> notCycling =
                RealCorpus.notCycling(RealMprFiles.relative(export).replace('\\', '/'));
        Collected text = new Collected();
        if (notCycling.isPresent()) {
            String textError = refusal(new EcLabTextFormat(), export);
            assertThat(textError)
                    .as("EC-Lab's export of %s, a technique that records no cycling", mpr.getFileName())
                    .contains(notCycling.get().error());
            String mprError = refusal(new EcLabMprFormat(), mpr);
            Optional<NotCycling> rawListed =
                    RealCorpus.notCycling(RealMprFiles.relative(mpr).replace('\\', '/'));
            assertThat(mprError).contains(rawListed.map(NotCycling::error).orElse("not battery-cycling data"));
            if (textError.contains("not battery-cycling data: EC-Lab technique")) {
                assertThat(fromNotCycling(mprError))
                        .as("the .mpr reader's reason against the text reader's")
                        .isEqualTo(fromNotCycling(textError));
            }
            return;
        }
        new EcLabTextFormat().read(SourceFile.of(export), text);
        assertThat(text.errors).as("malformed rows in %s", export.getFileName()).isEmpty();
        Collected binary = new Collected();
        new EcLabMprFormat().read(SourceFile.of(mpr), binary);
        assertThat(binary.samples).hasSameSizeAs(text.samples);
        RecordLayout layout = MprColumns.read(mpr).structure().layout();
        boolean counters = layout.slotOf(ColumnIds.Q_CHARGE_DISCHARGE) >= 0;
        boolean energies = layout.slotOf(ColumnIds.ENERGY_CHARGE) >= 0;
        for (int i = 0; i < text.samples.size(); i++) {
            Sample expected = text.samples.get(i);
            Sample got = binary.samples.get(i);
            String row = mpr.getFileName() + " row " + (i + 1);
            assertThat(got.dataPoint()).as(row).isEqualTo(expected.dataPoint());
            assertThat(got.cycleIndex()).as(row).isEqualTo(expected.cycleIndex());
            assertThat(got.stepIndex()).as(row).isEqualTo(expected.stepIndex());
            close(row + " test time", got.testTimeS(), expected.testTimeS());
            close(row + " voltage", got.voltageV(), expected.voltageV());
            close(row + " current", got.currentA(), expected.currentA());
            if (counters) {
                close(row, got, expected, Sample::chargeCapacityAh);
                close(row, got, expected, Sample::dischargeCapacityAh);
            }
            if (energies) {
                close(row, got, expected, Sample::chargeEnergyWh);
                close(row, got, expected, Sample::dischargeEnergyWh);
            }
        }
    }

    /** The message of the reader's refusal of a whole file (nothing read before it). */
    private static String refusal(CyclerFormat format, Path file) {
        Collected read = new Collected();
        Throwable thrown = catchThrowable(() -> format.read(SourceFile.of(file), read));
        assertThat(thrown)
                .as("%s reading %s", format.name(), file.getFileName())
                .isInstanceOf(IOException.class);
        assertThat(read.samples)
                .as("samples of %s before the refusal", file.getFileName())
                .isEmpty();
        return thrown.getMessage();
    }

    private static String fromNotCycling(String message) {
        return message.substring(message.indexOf("not battery-cycling data"));
    }

    private static void close(String row, Sample got, Sample expected, Function<Sample, Double> field) {
        assertThat(field.apply(expected))
                .as(row + ": the text reader has the counter")
                .isNotNull();
        close(row, field.apply(got), field.apply(expected));
    }

    private static void close(String what, double got, double expected) {
        assertThat(got).as(what).isCloseTo(expected, within(ATOL + RTOL * Math.abs(expected)));
    }
}
