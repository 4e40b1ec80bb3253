package io.cellwatch.deploy.soak;

import java.util.List;

/**
 * A least-squares line through (hours, value) points: the slope says how fast a resource grows.
 *
 * @param perHour   growth per hour
 * @param mean      mean of the values
 * @param first     first value
 * @param last      last value
 */
record Slope(double perHour, double mean, double first, double last) {

    static Slope fit(List<double[]> points) {
        if (points.size() < 2) {
            throw new IllegalArgumentException("a slope needs two points, got " + points.size());
        }
        double n = points.size();
        double sx = 0;
        double sy = 0;
        for (double[] p : points) {
            sx += p[0];
            sy += p[1];
        }
        double mx = sx / n;
        double my = sy / n;
        double sxx = 0;
        double sxy = 0;
        for (double[] p : points) {
            sxx += (p[0] - mx) * (p[0] - mx);
            sxy += (p[0] - mx) * (p[1] - my);
        }
        return new Slope(sxx == 0 ? 0 : sxy / sxx, my, points.get(0)[1], points.get(points.size() - 1)[1]);
    }

    /** Growth per hour as a fraction of the mean (0 when the mean is 0). */
    double relativePerHour() {
        return mean == 0 ? 0 : perHour / mean;
    }
}
