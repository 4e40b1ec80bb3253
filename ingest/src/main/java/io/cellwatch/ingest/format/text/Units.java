package io.cellwatch.ingest.format.text;

import java.util.Locale;
import java.util.Map;

/** Factors from the units cyclers write to the ones cellwatch keeps (V, A, Ah, Wh, s). */
public final class Units {
    private static final Map<String, Double> VOLTAGE = Map.of("v", 1.0, "mv", 1e-3, "volts", 1.0, "mvolts", 1e-3);
    private static final Map<String, Double> CURRENT =
            Map.of("a", 1.0, "ma", 1e-3, "ua", 1e-6, "µa", 1e-6, "amps", 1.0, "mamps", 1e-3, "na", 1e-9);
    // AHr and WHr: Maccor MIMS Client's headers ("Capacity (AHr)", "Energy (WHr)").
    private static final Map<String, Double> CAPACITY = Map.ofEntries(
            Map.entry("ah", 1.0),
            Map.entry("mah", 1e-3),
            Map.entry("uah", 1e-6),
            Map.entry("µah", 1e-6),
            Map.entry("amphr", 1.0),
            Map.entry("mamphr", 1e-3),
            Map.entry("ahr", 1.0),
            Map.entry("mahr", 1e-3),
            Map.entry("c", 1.0 / 3600),
            Map.entry("mc", 1e-3 / 3600),
            Map.entry("as", 1.0 / 3600),
            Map.entry("mas", 1e-3 / 3600));
    private static final Map<String, Double> ENERGY = Map.ofEntries(
            Map.entry("wh", 1.0),
            Map.entry("mwh", 1e-3),
            Map.entry("kwh", 1e3),
            Map.entry("uwh", 1e-6),
            Map.entry("µwh", 1e-6),
            Map.entry("watthr", 1.0),
            Map.entry("mwatthr", 1e-3),
            Map.entry("whr", 1.0),
            Map.entry("mwhr", 1e-3),
            Map.entry("j", 1.0 / 3600),
            Map.entry("ws", 1.0 / 3600),
            Map.entry("mws", 1e-3 / 3600));
    private static final Map<String, Double> TIME =
            Map.of("s", 1.0, "sec", 1.0, "ms", 1e-3, "min", 60.0, "h", 3600.0, "hr", 3600.0, "d", 86400.0);

    private Units() {}

    public static double voltage(String unit) {
        return factor(VOLTAGE, unit, "voltage");
    }

    public static double current(String unit) {
        return factor(CURRENT, unit, "current");
    }

    public static double capacity(String unit) {
        return factor(CAPACITY, unit, "capacity");
    }

    public static double energy(String unit) {
        return factor(ENERGY, unit, "energy");
    }

    public static double time(String unit) {
        return factor(TIME, unit, "time");
    }

    /** True for units of temperature cellwatch reads (°C); Kelvin is converted by {@link #celsius}. */
    public static double celsius(double value, String unit) {
        String u = normalise(unit);
        return u.equals("k") ? value - 273.15 : value;
    }

    private static double factor(Map<String, Double> table, String unit, String quantity) {
        Double f = table.get(normalise(unit));
        if (f == null) {
            throw new IllegalArgumentException("unknown " + quantity + " unit '" + unit + "' (known: "
                    + String.join(", ", table.keySet().stream().sorted().toList()) + ")");
        }
        return f;
    }

    /**
     * {@code mA.h} = {@code mAh} = {@code mA·h}; case does not matter; the Greek mu some software
     * writes for micro is the micro sign.
     */
    static String normalise(String unit) {
        StringBuilder b = new StringBuilder();
        for (char c : unit.strip().toCharArray()) {
            if (c == '\u03BC') {
                b.append('\u00B5');
            } else if (c != '.' && c != '·' && c != ' ' && c != '-' && c != '°') {
                b.append(c);
            }
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }
}
