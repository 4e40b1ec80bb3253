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
    REPLICATE_OUTLIER;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static AlertKind fromWireName(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
}
