package io.cellwatch.ingest.format.row;

import io.cellwatch.ingest.format.MalformedRowException;
import io.cellwatch.model.InvalidRecordException;
import io.cellwatch.model.Sample;
import io.cellwatch.model.StepType;
import java.nio.file.Path;
import java.util.Map;

/**
 * One data row on its way to a {@link Sample}, already in V, A, Ah, Wh, s and °C with current
 * charge-positive. Readers fill one and reuse it row after row. Fields a file does not have stay
 * null; {@link #toSample} fills what can be derived (record number from the row count, step type
 * from the current's sign).
 */
public final class SampleRow {
    public Long dataPoint;
    public Long wallTimeMs;
    public double testTimeS;
    public int cycleIndex;
    public int stepIndex;
    public StepType stepType;
    public double voltageV;
    public double currentA;
    public Double chargeAh;
    public Double dischargeAh;
    public Double chargeWh;
    public Double dischargeWh;
    public Double temperatureC;
    /** Auxiliary channels by vendor name ({@code T1}, {@code V1}), or null; see {@link Sample#auxiliary()}. */
    public Map<String, Double> auxiliary;

    /**
     * A cumulative counter in Ah or Wh, or null: the value times its unit's factor, made positive
     * (some software writes discharge counters negative, EC-Lab its discharge energy).
     */
    public static Double counter(Double value, double scale) {
        return value == null ? null : Math.abs(value) * scale;
    }

    public SampleRow clear() {
        dataPoint = null;
        wallTimeMs = null;
        testTimeS = 0;
        cycleIndex = 0;
        stepIndex = 0;
        stepType = null;
        voltageV = 0;
        currentA = 0;
        chargeAh = null;
        dischargeAh = null;
        chargeWh = null;
        dischargeWh = null;
        temperatureC = null;
        auxiliary = null;
        return this;
    }

    /**
     * The row as a wire sample.
     *
     * @param rowOrdinal the row's 1-based position among the file's data rows, the record number
     *                   of formats that write none
     * @throws MalformedRowException when a value breaks a rule of the wire record
     */
    public Sample toSample(String channelId, long rowOrdinal, Path file, long line) throws MalformedRowException {
        StepType type = stepType != null ? stepType : StepType.fromCurrent(currentA, 0);
        try {
            return new Sample(
                    Sample.SCHEMA_VERSION,
                    channelId,
                    dataPoint != null ? dataPoint : rowOrdinal,
                    wallTimeMs,
                    testTimeS,
                    cycleIndex,
                    stepIndex,
                    type,
                    voltageV,
                    currentA,
                    chargeAh,
                    dischargeAh,
                    chargeWh,
                    dischargeWh,
                    temperatureC,
                    auxiliary);
        } catch (InvalidRecordException e) {
            String field = e.field().startsWith("Sample.") ? e.field().substring("Sample.".length()) : e.field();
            throw new MalformedRowException(file, line, field, e.getMessage(), e);
        }
    }
}
