package io.cellwatch.ingest.format.row;

/**
 * EC-Lab's charge counts as counters the cycle summarizer reads right. EC-Lab counts the charge of
 * each half cycle as a <em>net</em> value, {@code Q charge/discharge}: positive in a charge half
 * cycle, negative in a discharge one, restarting from zero when the next half cycle begins; its
 * export splits it into {@code Q charge} (the count when positive) and {@code Q discharge} (minus
 * the count when negative). When a little charge flows back inside a half cycle (a rest that is not
 * quite at zero current, an impedance step inside a Modulo Bat sequence) the count falls although
 * nothing was reset, and a reset-aware sum would count the whole counter again at each fall.
 *
 * <p>So a count is followed through a <em>run</em>: the rows of one half cycle (when the file says
 * which) on which it keeps its sign. Within a run the counter of the run's direction is held at the
 * largest count reached: a fall is charge flowing back, which the half cycle's count does not give
 * back. A run ends when the half cycle changes or the count changes sign (EC-Lab restarted it); the
 * new run's counter starts from its own count, so the summarizer sees the restart as a reset. Rows
 * without a fall get exactly EC-Lab's {@code Q charge} and {@code Q discharge}.
 */
public final class HalfCycleCounters {
    private boolean started;
    private long halfCycle;
    private int sign;
    private double largest;

    /**
     * Folds in a row's count.
     *
     * @param halfCycleIndex the row's half cycle, or null when the file does not say
     * @param signedCount    the half cycle's net charge in Ah, positive on charge; null (no reading)
     *                       changes nothing
     */
    public void accept(Long halfCycleIndex, Double signedCount) {
        if (signedCount == null || signedCount.isNaN()) {
            return;
        }
        int s = Double.compare(signedCount, 0.0) > 0 ? 1 : signedCount < 0 ? -1 : 0;
        double count = Math.abs(signedCount);
        boolean sameRun = started && s == sign && (halfCycleIndex == null || halfCycleIndex == halfCycle);
        largest = sameRun ? Math.max(largest, count) : count;
        started = true;
        sign = s;
        halfCycle = halfCycleIndex == null ? halfCycle : halfCycleIndex;
    }

    /** The charge counter: the run's largest count in a charge run, else 0. */
    public double charge() {
        return sign > 0 ? largest : 0;
    }

    /** The discharge counter (positive): the run's largest count in a discharge run, else 0. */
    public double discharge() {
        return sign < 0 ? largest : 0;
    }
}
