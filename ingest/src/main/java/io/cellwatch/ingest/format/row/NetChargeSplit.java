package io.cellwatch.ingest.format.row;

/**
 * Charge and discharge counters from a signed charge: each row's change, added to charge when
 * positive and to discharge when negative. The two counters never fall and never reset (they are
 * the charge passed each way since the file began), so the cycle summarizer's difference between
 * two rows is exactly what flowed between them, wherever cycles begin.
 *
 * <p>Made for EC-Lab, whose {@code Q charge} and {@code Q discharge} are the <em>net</em> charge of
 * the current half cycle: when a little charge flows back inside a discharge (a rest that is not
 * quite at zero current, an impedance measurement inside a Modulo Bat sequence), {@code Q discharge}
 * falls although nothing was reset, and a reset-aware sum would count the whole counter again at
 * each fall. EC-Lab also writes {@code dq}, the charge passed since the previous row, and
 * {@code (Q-Qo)}, the net charge since the start (which a Modulo Bat loop may set back to zero):
 * {@link #increment} takes the first, {@link #net} the second.
 */
public final class NetChargeSplit {
    private double charged;
    private double discharged;
    private double lastNet;

    /** Folds in a row's signed charge since the previous row; null (no reading) changes nothing. */
    public void increment(Double signedCharge) {
        if (signedCharge == null) {
            return;
        }
        if (signedCharge > 0) {
            charged += signedCharge;
        } else {
            discharged -= signedCharge;
        }
    }

    /** Folds in a row's signed net charge (the first row's change is counted from zero); null changes nothing. */
    public void net(Double signedNetCharge) {
        if (signedNetCharge == null) {
            return;
        }
        increment(signedNetCharge - lastNet);
        lastNet = signedNetCharge;
    }

    /** Charge passed into the cell since the file began. */
    public double charged() {
        return charged;
    }

    /** Charge passed out of the cell since the file began (positive). */
    public double discharged() {
        return discharged;
    }
}
