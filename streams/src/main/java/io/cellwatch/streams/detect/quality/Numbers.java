package io.cellwatch.streams.detect.quality;

import java.math.BigDecimal;
import java.math.MathContext;

/** Readings in messages as a person writes them: six significant digits, no trailing zeros (0.5, 99.5, 3.30412). */
final class Numbers {
    private Numbers() {}

    static String compact(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        return new BigDecimal(value)
                .round(new MathContext(6))
                .stripTrailingZeros()
                .toPlainString();
    }
}
