package io.cellwatch.streams.detect;

import java.util.Locale;

/** Formats numbers the way a lab reads them in alert messages: mAh for coin cells, Ah for large ones. */
public final class Units {
    private Units() {}

    public static String capacity(double ah) {
        if (Math.abs(ah) < 0.1) {
            return String.format(Locale.ROOT, "%.4g mAh", ah * 1000);
        }
        return String.format(Locale.ROOT, "%.4g Ah", ah);
    }

    public static String efficiency(Double ce) {
        return ce == null ? "n/a" : String.format(Locale.ROOT, "%.2f %%", 100 * ce);
    }
}
