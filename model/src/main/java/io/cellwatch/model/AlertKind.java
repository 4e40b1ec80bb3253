package io.cellwatch.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What a detector saw. The wire name (lower snake case) is what appears in JSON, Prometheus labels
 * and Alertmanager's {@code kind} label.
 */
public enum AlertKind {
    /** Charge capacity rising while discharge capacity falls over consecutive cycles. */
    SOFT_SHORT_CAPACITY_DIVERGENCE,
    /** Coulombic efficiency leaving the channel's own baseline band and staying out. */
    SOFT_SHORT_CE_FLUCTUATION,
    /** Inside a charge step: capacity or time overrunning the usual charge while dV/dt collapses. */
    IMMINENT_SHORT,
    /** Sudden voltage drops of tens of mV under constant current. */
    VOLTAGE_DROP,
    /** Symmetric cell: overpotential drifting from the channel's baseline. */
    OVERPOTENTIAL_DRIFT,
    /** Symmetric cell: overpotential collapsing with rising noise, a soft short. */
    OVERPOTENTIAL_COLLAPSE,
    /** Voltage pinned near a constant low value proportional to current. */
    HARD_SHORT,
    /** Step-up test: the cell shorted; the critical current density is in the evidence. */
    CRITICAL_CURRENT_DENSITY,
    /** Capacity retention falling faster than the channel's profile allows. */
    CAPACITY_FADE,
    /**
     * A cell leaving its replicate group: its CE, capacity retention or overpotential departing from
     * its siblings' (cells built alike, run side by side) beyond its usual offset and their spread.
     */
    REPLICATE_OUTLIER,
    /** Data quality: steps logged with too few samples for the detectors that judge them. */
    DATA_QUALITY_COARSE_LOGGING,
    /** Data quality: test time running backwards between two records. */
    DATA_QUALITY_TIME_BACKWARDS,
    /** Data quality: test time leaping forward further than any logging interval explains. */
    DATA_QUALITY_TIME_JUMP,
    /** Data quality: record numbers starting again from a lower number, so newer rows are taken as redelivered. */
    DATA_QUALITY_RECORD_RESTART,
    /** Data quality: a capacity counter dropping in the middle of a step. */
    DATA_QUALITY_COUNTER_RESET,
    /** Data quality: voltage or current repeating one value where the cell must move it. */
    DATA_QUALITY_STUCK_READING,
    /** Data quality: readings no cycler channel or cell can produce (beyond the voltage range, negative counters). */
    DATA_QUALITY_OUT_OF_RANGE,
    /** Data quality: rows of the channel's export that could not be read (NaN, empty or garbled fields). */
    DATA_QUALITY_UNREADABLE_ROWS,
    /** Data quality: the channel's data stopped growing while its last step was not a rest. */
    DATA_QUALITY_STALLED,
    /**
     * Data quality: the cell cycles at voltages the declared cell cannot have (a channel declared an anode
     * half cell charging and discharging at a full cell's voltages): the metadata are another cell's.
     */
    DATA_QUALITY_DECLARED_CELL;

    /** True for the data-quality family: about the data, not the cell; they say which detectors they blind. */
    public boolean dataQuality() {
        return name().startsWith("DATA_QUALITY_");
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static AlertKind fromWireName(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
}
