package io.cellwatch.streams.detect.replicate;

/**
 * One cycle index of a replicate group, every present cell's row, indexed [cell][{@link GroupQuantity}]:
 * its quantities as the lab reads them, and its departure: its value (as compared) less its usual
 * offset, against the median of its siblings' values less theirs. NaN where the cell has no value or
 * fewer than {@code minSiblings} siblings have one.
 */
record CycleComparison(double[][] values, double[][] departures) {

    static CycleComparison of(double[][] values, double[][] aligned, int minSiblings) {
        double[][] departures = new double[aligned.length][];
        for (int i = 0; i < aligned.length; i++) {
            departures[i] = new double[aligned[i].length];
            for (int j = 0; j < aligned[i].length; j++) {
                double[] siblings = GroupStatistics.siblings(aligned, i, j);
                departures[i][j] =
                        siblings.length < minSiblings ? Double.NaN : aligned[i][j] - GroupStatistics.median(siblings);
            }
        }
        return new CycleComparison(values, departures);
    }
}
