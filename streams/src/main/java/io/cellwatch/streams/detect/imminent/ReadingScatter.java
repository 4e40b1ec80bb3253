package io.cellwatch.streams.detect.imminent;

/**
 * How far one voltage reading scatters, measured on the channel's own charge rows: the second difference
 * of three successive rows of one charge step (V₃ − 2V₂ + V₁) cancels the charge's trend, leaving the
 * readings' noise (and what the curve bends between rows, which only widens it). Of independent readings
 * of standard deviation σ it has standard deviation σ√6 and mean absolute value σ√6·√(2/π); its running
 * mean over about the last hundred triples gives σ. Once known, a triple counts for at most four times
 * the mean (3.2 of its standard deviations: one noise triple in 700 is clipped), so a collapse or a knee
 * inside a step, which is no reading's noise, does not pass for it. A resistance read as V/I from one
 * reading carries this much of V: a hard short pinned at a few tens of millivolts is read to a few
 * percent, not exactly.
 */
final class ReadingScatter {
    /** Triples before the scatter is known. */
    static final int LEAST_TRIPLES = 10;
    /** Triples the running mean remembers, about. */
    private static final int MEMORY_TRIPLES = 100;

    /** The most a triple counts for, in means of the triples before it. */
    private static final double CLIP_MEANS = 4;

    private static final double MEAN_ABS_TO_SIGMA = 1 / (Math.sqrt(6) * Math.sqrt(2 / Math.PI));

    double previousV = Double.NaN;
    double previousStepV = Double.NaN;
    double meanAbsSecondDifferenceV;
    int triples;

    /** A row of the running charge step. */
    void row(double voltageV) {
        if (!Double.isNaN(previousV)) {
            double stepV = voltageV - previousV;
            if (!Double.isNaN(previousStepV)) {
                double secondDifferenceV = Math.abs(stepV - previousStepV);
                if (triples >= LEAST_TRIPLES) {
                    secondDifferenceV = Math.min(secondDifferenceV, CLIP_MEANS * meanAbsSecondDifferenceV);
                }
                triples++;
                double weight = 1.0 / Math.min(triples, MEMORY_TRIPLES);
                meanAbsSecondDifferenceV += weight * (secondDifferenceV - meanAbsSecondDifferenceV);
            }
            previousStepV = stepV;
        }
        previousV = voltageV;
    }

    /** A new step (or a row out of a charge): the next triple starts afresh. */
    void newStep() {
        previousV = Double.NaN;
        previousStepV = Double.NaN;
    }

    /** One reading's standard deviation, V; NaN until {@link #LEAST_TRIPLES} triples were seen. */
    double sigmaV() {
        return triples < LEAST_TRIPLES ? Double.NaN : meanAbsSecondDifferenceV * MEAN_ABS_TO_SIGMA;
    }
}
