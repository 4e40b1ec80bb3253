package io.cellwatch.ingest.format.biologic;

import java.util.Optional;

/**
 * Which EC-Lab / BT-Lab techniques record battery cycling. An export names its technique on the
 * line after {@code Nb header lines} ({@code Galvanostatic Cycling with Potential Limitation},
 * {@code Modulo Bat}, {@code Potentio Electrochemical Impedance Spectroscopy}, ...). Cycling
 * techniques (GCPL, MB, CP, CA, CoV, CoC, BCD, OCV and the others that pass current through a
 * cell, or rest it) are read; impedance spectroscopy, voltammetry and the scheduling technique
 * Wait record no charge and discharge a monitor could summarise, and are refused with the reason.
 */
public final class EcLabTechniques {
    private EcLabTechniques() {}

    /** Why a technique's export is not battery-cycling data, or empty when it is (or is unknown). */
    public static Optional<String> notCycling(String technique) {
        String t = technique.strip();
        if (t.contains("Impedance Spectroscopy") || t.startsWith("IR compensation")) {
            return Optional.of("measures impedance over a frequency sweep, not charge and discharge");
        }
        if (t.contains("Voltammetry")) {
            return Optional.of("sweeps the electrode potential (voltammetry); its cycles are potential sweeps, "
                    + "not charge and discharge of a cell");
        }
        if (t.equals("Wait")) {
            return Optional.of("holds the channel until a set time between techniques and records no cycling");
        }
        return Optional.empty();
    }

    /** The error text for a refused technique (the text and the {@code .mpr} reader say the same). */
    public static String refusal(String technique, String reason) {
        return "not battery-cycling data: EC-Lab technique '" + technique.strip() + "' " + reason
                + "; cellwatch reads cycling techniques (GCPL, MB, CP, CA, CoV, CoC, BCD, OCV, ...)";
    }

    /**
     * What an EC-Lab file that holds no measurements is, judged from its first line (a settings
     * file, a log, a loop index), or empty for anything else.
     */
    static Optional<String> notData(String firstLine) {
        String s = firstLine.strip();
        if (s.startsWith("EC-LAB SETTING FILE")) {
            return Optional.of("an EC-Lab settings file (.mps): it holds the protocol, not measurements");
        }
        if (s.endsWith("LOG FILE") && (s.startsWith("EC-Lab") || s.startsWith("BT-Lab"))) {
            return Optional.of("an EC-Lab log file (.mpl): it records the run's events, not measurements");
        }
        if (s.startsWith("VMP EXPERIMENT LOOP INDEXES")) {
            return Optional.of("an EC-Lab loop index file: it lists the row each loop starts at, not measurements");
        }
        return Optional.empty();
    }
}
