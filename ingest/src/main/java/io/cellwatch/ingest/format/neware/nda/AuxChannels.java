package io.cellwatch.ingest.format.neware.nda;

import java.util.Locale;

/**
 * Names of Neware auxiliary channels, as BTS shows them: a letter for what is measured and the
 * channel's aux number ({@code T1} temperature in °C, {@code V1} voltage in V, {@code t1} the
 * chamber's set temperature, {@code H1} humidity, {@code I1} current in A). The kind comes from the
 * {@code ChlType} that {@code TestInfo.xml} gives each channel of an {@code .ndax}.
 */
public final class AuxChannels {
    private AuxChannels() {}

    public static String voltage(int auxId) {
        return "V" + auxId;
    }

    public static String temperature(int auxId) {
        return "T" + auxId;
    }

    public static String setTemperature(int auxId) {
        return "t" + auxId;
    }

    /**
     * The name for a channel of this {@code ChlType}: 102/105 voltage, 103/106 temperature, 104/107
     * current, 335 set temperature, 345 humidity (fastnda's table); any other type keeps its number
     * ({@code aux1_type1122}) rather than being guessed.
     */
    public static String forChannelType(int chlType, int auxId) {
        return switch (chlType) {
            case 102, 105 -> voltage(auxId);
            case 103, 106 -> temperature(auxId);
            case 104, 107 -> "I" + auxId;
            case 335 -> setTemperature(auxId);
            case 345 -> "H" + auxId;
            default -> String.format(Locale.ROOT, "aux%d_type%d", auxId, chlType);
        };
    }

    /** Whether the channel measures temperature ({@code T1}, {@code T2}, ...). */
    public static boolean isTemperature(String name) {
        if (name.length() < 2 || name.charAt(0) != 'T') {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            if (!Character.isDigit(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
