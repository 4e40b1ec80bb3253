package io.cellwatch.streams.detect.replicate;

/**
 * What a replicate group compares, cycle by cycle; an alert's evidence names the one that left the
 * group by its {@link #code()} (evidence key {@code quantity}).
 */
public enum GroupQuantity {
    /** CE in the cells' convention, absolute: a cell returning less (or, CE = Qc/Qd, more) of its charge. */
    COULOMBIC_EFFICIENCY("CE", 1),
    /** Discharge capacity over the cell's own first cycles'. */
    CAPACITY_RETENTION("capacity retention", 2),
    /** Overpotential over the cell's own first cycles'. */
    OVERPOTENTIAL_RATIO("overpotential ratio", 3);

    final String label;
    private final int code;

    GroupQuantity(String label, int code) {
        this.label = label;
        this.code = code;
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
