package io.cellwatch.ingest.format.biologic.mpr;

import io.cellwatch.ingest.format.MalformedRowException;
import io.cellwatch.ingest.format.binary.BinaryFormatException;
import io.cellwatch.model.InvalidRecordException;
import io.cellwatch.model.Sample;
import io.cellwatch.model.StepType;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * One decoded {@code .mpr} record as a {@link Sample}: V, A (charge positive: EC-Lab's positive
 * current is oxidation at the working electrode, which its {@code Q charge} counts), Ah, Wh, s, °C.
 *
 * <ul>
 *   <li>Voltage: {@code Ewe} (ID 6; {@code Ecell} in BT-Lab's BCD), else {@code <Ewe>} (77, 174).
 *   <li>Current: {@code I} (8), else {@code <I>} (11, 76); GCPL files often record neither, and then
 *       the current is what EC-Lab's export writes as {@code <I>}: {@code dq · 3600 / Δt} mA, 0 for
 *       the first record (equal to the {@code .mpt} to the last bit on every GCPL pair here). Files
 *       with no current and no charge column are open-circuit records: 0 A.
 *   <li>Cycle: EC-Lab's own; {@code half cycle / 2} (ID 212: half cycles 0 and 1 are cycle 0, as the
 *       export's {@code cycle number}), else {@code cycle number} (24), else 0. Step: {@code Ns} (131).
 *   <li>Step type: {@code mode} 3 (open circuit) is rest; in {@code mode} 1 (galvanostatic) the
 *       {@code ox/red} flag gives the direction; otherwise the sign of the current (in potentiostatic
 *       mode ox/red follows the scan, not the current). Impedance records (a {@code freq} column and
 *       no mode flag) are {@code OTHER}.
 *   <li>Counters: {@link ChargeCounters}; energies from {@code Energy charge}/{@code Energy discharge}
 *       (123, 124) where recorded (EC-Lab computes them at export otherwise, and they stay null here).
 *   <li>Wall time: the LOG module's acquisition start plus {@code time/s}, when the file has a LOG.
 *   <li>Auxiliary: the counter electrode ({@code Ece}, {@code <Ece>}) and {@code Analog IN 1/2}, in V.
 * </ul>
 */
final class SampleNormaliser {
    private static final double MILLI = 1e-3;
    private static final int MODE_CC = 1;
    private static final int MODE_REST = 3;

    private final String channelId;
    private final Path file;
    private final int time;
    private final int voltage;
    private final int current;
    private final int dq;
    private final int halfCycle;
    private final int cycleNumber;
    private final int step;
    private final int mode;
    private final int oxRed;
    private final int energyCharge;
    private final int energyDischarge;
    private final int temperature;
    private final boolean impedance;
    private final boolean openCircuitOnly;
    private final String[] auxiliaryNames;
    private final int[] auxiliarySlots;
    private final ChargeCounters counters;
    private Long startMs;
    private double previousTimeS = Double.NaN;

    SampleNormaliser(RecordLayout layout, String channelId, Path file, long columnsOffset)
            throws BinaryFormatException {
        this.channelId = channelId;
        this.file = file;
        this.time = layout.slotOf(ColumnIds.TIME);
        this.voltage = layout.slotOf(ColumnIds.EWE, ColumnIds.MEAN_EWE, ColumnIds.MEAN_EWE_OR_PHASE);
        if (time < 0 || voltage < 0) {
            throw new BinaryFormatException(
                    file,
                    "data module column list",
                    columnsOffset,
                    "a time/s column (ID 4) and a working-electrode voltage (Ewe, ID 6; <Ewe>, ID 77 or 174) to make "
                            + "samples of",
                    "the columns "
                            + layout.columns().stream().map(MprColumn::label).toList());
        }
        this.current = layout.slotOf(ColumnIds.I, ColumnIds.MEAN_I_F8, ColumnIds.MEAN_I_F4);
        this.dq = layout.slotOf(ColumnIds.DQ_MAH);
        this.halfCycle = layout.slotOf(ColumnIds.HALF_CYCLE);
        this.cycleNumber = layout.slotOf(ColumnIds.CYCLE_NUMBER);
        this.step = layout.slotOf(ColumnIds.NS);
        this.mode = layout.flagSlot(ColumnIds.FLAG_MODE);
        this.oxRed = layout.flagSlot(ColumnIds.FLAG_OX_RED);
        this.energyCharge = layout.slotOf(ColumnIds.ENERGY_CHARGE);
        this.energyDischarge = layout.slotOf(ColumnIds.ENERGY_DISCHARGE);
        this.temperature = layout.slotOf(ColumnIds.TEMPERATURE);
        this.impedance = mode < 0 && layout.slotOf(ColumnIds.FREQUENCY) >= 0;
        this.counters = ChargeCounters.of(layout);
        this.openCircuitOnly = current < 0 && dq < 0 && counters.charge() == null;
        Map<String, Integer> auxiliary = new LinkedHashMap<>();
        auxiliary.put("Ece", layout.slotOf(ColumnIds.ECE, ColumnIds.MEAN_ECE, ColumnIds.MEAN_ECE_2));
        auxiliary.put("Analog IN 1", layout.slotOf(ColumnIds.ANALOG_IN_1));
        auxiliary.put("Analog IN 2", layout.slotOf(ColumnIds.ANALOG_IN_2));
        auxiliary.values().removeIf(slot -> slot < 0);
        this.auxiliaryNames = auxiliary.keySet().toArray(String[]::new);
        this.auxiliarySlots =
                auxiliary.values().stream().mapToInt(Integer::intValue).toArray();
    }

    /** The slots of a record this reads: the only ones worth decoding. */
    int[] slotsUsed() {
        IntStream used = IntStream.of(
                time,
                voltage,
                current,
                dq,
                halfCycle,
                cycleNumber,
                step,
                mode,
                oxRed,
                energyCharge,
                energyDischarge,
                temperature,
                counters.slot());
        return IntStream.concat(used, IntStream.of(auxiliarySlots))
                .filter(slot -> slot >= 0)
                .distinct()
                .sorted()
                .toArray();
    }

    /** The acquisition start in epoch milliseconds, once the LOG module is in the file. */
    void acquisitionStart(Long epochMs) {
        this.startMs = epochMs;
    }

    /**
     * The sample of one record. Every record goes through here in order (running counters and the
     * derived current depend on the one before), including those a resumed reader does not deliver.
     *
     * @throws MalformedRowException when a value breaks a rule of the wire record (the record number
     *                               stands where a text format has its line)
     */
    Sample toSample(double[] values, long dataPoint) throws MalformedRowException {
        double timeS = values[time];
        double currentA = currentMilliamps(values, timeS) * MILLI;
        previousTimeS = timeS;
        counters.accept(values);
        Map<String, Double> aux = auxiliary(values);
        try {
            return new Sample(
                    Sample.SCHEMA_VERSION,
                    channelId,
                    dataPoint,
                    startMs == null || !Double.isFinite(timeS) ? null : startMs + Math.round(timeS * 1000),
                    timeS,
                    cycle(values),
                    step < 0 ? 0 : (int) values[step],
                    stepType(values, currentA),
                    values[voltage],
                    currentA,
                    counters.charge(),
                    counters.discharge(),
                    energyCharge < 0 || energyDischarge < 0 ? null : Math.abs(values[energyCharge]),
                    energyCharge < 0 || energyDischarge < 0 ? null : Math.abs(values[energyDischarge]),
                    temperature < 0 || !Double.isFinite(values[temperature]) ? null : values[temperature],
                    aux);
        } catch (InvalidRecordException e) {
            String field = e.field().startsWith("Sample.") ? e.field().substring("Sample.".length()) : e.field();
            throw new MalformedRowException(file, dataPoint, field, e.getMessage(), e);
        }
    }

    /** The auxiliary readings of a record; built immutable, so the sample keeps it without a copy. */
    private Map<String, Double> auxiliary(double[] values) {
        String[] names = new String[auxiliaryNames.length];
        Double[] readings = new Double[auxiliaryNames.length];
        int n = 0;
        for (int i = 0; i < auxiliaryNames.length; i++) {
            double value = values[auxiliarySlots[i]];
            if (Double.isFinite(value)) {
                names[n] = auxiliaryNames[i];
                readings[n++] = value;
            }
        }
        return switch (n) {
            case 0 -> null;
            case 1 -> Map.of(names[0], readings[0]);
            case 2 -> Map.of(names[0], readings[0], names[1], readings[1]);
            default -> Map.of(names[0], readings[0], names[1], readings[1], names[2], readings[2]);
        };
    }

    private double currentMilliamps(double[] values, double timeS) {
        if (current >= 0) {
            return values[current];
        }
        if (dq < 0) {
            return 0; // open-circuit techniques record no current: none flows
        }
        double dt = timeS - previousTimeS;
        return dt > 0 ? values[dq] * 3600 / dt : 0;
    }

    private int cycle(double[] values) {
        if (halfCycle >= 0) {
            return (int) (values[halfCycle] / 2);
        }
        return cycleNumber < 0 ? 0 : (int) values[cycleNumber];
    }

    private StepType stepType(double[] values, double currentA) {
        if (mode >= 0) {
            int m = (int) values[mode];
            if (m == MODE_REST || openCircuitOnly) {
                return StepType.REST;
            }
            if (m == MODE_CC && oxRed >= 0) {
                return values[oxRed] == 1 ? StepType.CHARGE : StepType.DISCHARGE;
            }
        } else if (impedance) {
            return StepType.OTHER;
        }
        return StepType.fromCurrent(currentA, 0);
    }
}
