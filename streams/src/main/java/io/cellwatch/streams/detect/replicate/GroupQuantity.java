package io.cellwatch.streams.detect.replicate;

/**
 * What a replicate group compares, cycle by cycle; an alert's evidence names the one that left the
 * group by its {@link #code()} (evidence key {@code quantity}).
 *
 * <p>Capacity and overpotential are compared by their logarithms: what moves a whole group scales
 * them (a chamber step or a rate change gives every sibling the same fraction of its capacity, an
 * Arrhenius factor the same multiple of its resistance; fade compounds per cycle), so in logarithms
 * it shifts every sibling alike and leaves their differences as they were, however far apart their
 * ageing has taken them. CE is a difference of two charges and is compared as it is.
 */
public enum GroupQuantity {
    /** CE in the cells' convention, absolute: a cell returning less (or, CE = Qc/Qd, more) of its charge. */
    COULOMBIC_EFFICIENCY("CE", 1, false),
    /** Discharge capacity over the cell's own first cycles'. */
    CAPACITY_RETENTION("capacity retention", 2, true),
    /** Overpotential over the cell's own first cycles'. */
    OVERPOTENTIAL_RATIO("overpotential ratio", 3, true);

    final String label;
    private final int code;
    private final boolean scaled;

    GroupQuantity(String label, int code, boolean scaled) {
        this.label = label;
        this.code = code;
        this.scaled = scaled;
    }

    /**
     * The value as the group compares it: the logarithm of a quantity that benign events scale (NaN
     * for none left: a cell that returns no charge is judged by its CE).
     */
    double compared(double value) {
        if (!scaled) {
            return value;
        }
        return value > 0 ? Math.log(value) : Double.NaN;
    }

    /** A difference of compared values as the lab reads it: percent of the quantity, or CE points. */
    double percent(double difference) {
        return 100 * (scaled ? Math.expm1(difference) : difference);
    }

    /**
     * Whether a cell out of its group by this quantity may be out by the other for the same cause, so that
     * the other leaving too tells nothing new: a leak lowers the capacity a cell returns as it lowers its
     * CE, a capacity loss shows in the CE of the cycle it happens in, and either moves the mean charge and
     * discharge voltages the overpotential is read from (they average over another window of charge). Only
     * the overpotential explains neither: an interphase's resistance does not take capacity by steps.
     */
    boolean explains(GroupQuantity other) {
        return this == other || this != OVERPOTENTIAL_RATIO;
    }

    /** The number an alert's evidence carries under {@code quantity}. */
    public int code() {
        return code;
    }

    /** The quantity of an evidence code, or null for none. */
    public static GroupQuantity ofCode(double code) {
        for (GroupQuantity q : values()) {
            if (q.code == code) {
                return q;
            }
        }
        return null;
    }
}
