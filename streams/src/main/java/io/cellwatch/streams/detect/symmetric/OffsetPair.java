package io.cellwatch.streams.detect.symmetric;

/**
 * The last closed half-cycle of each current direction, as a fraction of the level the cell had at its
 * current: what tells an instrument offset from a short. A DC offset x on the voltage reads η + x in one
 * current direction and η − x in the other (signed with the current), so it lowers one direction by as
 * much as it raises the other and the pair's mean stays at the level; a short is a resistor across the
 * cell and lowers both. A fall seen in one direction only (a flickering filament's collapse, or a pin
 * whose threshold is resolved from the noise) is therefore not a short when the other direction's last
 * half-cycle stood raised by at least half of that fall (half way between a short, which left it at its
 * level or under, and an offset, which raised it by the whole fall). And a half-cycle raised by an
 * offset's pair is no new level: learnt, it would move the level to the raised direction and make the
 * lowered one read as a collapse for as long as the offset stands. Plain fields for the state-store codec.
 */
public final class OffsetPair {
    /** The last closed half-cycle's plateau over the level, plating and stripping (NaN: none yet). */
    double platingFraction = Double.NaN;

    double strippingFraction = Double.NaN;

    public OffsetPair() {
        // for the state-store codec
    }

    /** A half-cycle of this direction closed at this fraction of the level. */
    void closed(boolean plating, double fraction) {
        if (plating) {
            platingFraction = fraction;
        } else {
            strippingFraction = fraction;
        }
    }

    private double other(boolean plating) {
        return plating ? strippingFraction : platingFraction;
    }

    /**
     * Whether an offset explains a fall of this direction to {@code fraction} of the level: the other
     * direction's last half-cycle stood raised by at least half the fall.
     */
    boolean explainsFall(boolean plating, double fraction) {
        double other = other(plating);
        return fraction < 1 && other - 1 >= (1 - fraction) / 2;
    }

    /**
     * Whether a half-cycle raised to {@code fraction} of the level, by more than {@code margin}, is the raised
     * half of an offset's pair: the other direction's last half-cycle stood lowered by at least half as much.
     */
    boolean raisedByOffset(boolean plating, double fraction, double margin) {
        double other = other(plating);
        return fraction - 1 > margin && 1 - other >= (fraction - 1) / 2;
    }

    /** Forgets both directions (a new level is being learnt). */
    void reset() {
        platingFraction = Double.NaN;
        strippingFraction = Double.NaN;
    }
}
