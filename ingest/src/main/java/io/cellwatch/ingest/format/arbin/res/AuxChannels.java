package io.cellwatch.ingest.format.arbin.res;

import com.healthmarketscience.jackcess.Row;
import com.healthmarketscience.jackcess.Table;
import io.cellwatch.ingest.format.binary.BinaryFormatException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The auxiliary inputs mapped to the channel, from {@code Aux_Global_Data_Table}: one row per
 * ({@code Auxiliary_Index}, {@code Data_Type}) with its {@code Unit}. Values in
 * {@code Auxiliary_Table} are keyed the same way. Data type 0 is a voltage input (unit V), 1 a
 * thermocouple (unit C); they become {@code V1, V2, ...} and {@code T1, T2, ...} (index + 1, as
 * MITS Pro numbers them on screen), in V and °C. Other types (pressure, pH, flow, ... in Arbin's
 * list) have no example file here and are kept as {@code AUX<type>_<n>} in the unit the file names.
 */
final class AuxChannels {
    static final String TABLE = "Aux_Global_Data_Table";
    static final int VOLTAGE = 0;
    static final int TEMPERATURE = 1;

    private final Map<Long, String> units;

    private AuxChannels(Map<Long, String> units) {
        this.units = units;
    }

    static AuxChannels none() {
        return new AuxChannels(Map.of());
    }

    /** The declared inputs; none when the table is absent (files written without aux logging). */
    static AuxChannels read(ResDatabase db) throws BinaryFormatException {
        Optional<Table> table = db.optionalTable(TABLE);
        if (table.isEmpty()) {
            return none();
        }
        db.requireNumeric(table.get(), "Auxiliary_Index", "Data_Type");
        Map<Long, String> units = new HashMap<>();
        try {
            for (Row row : table.get()) {
                Number index = ResTest.number(row, "Auxiliary_Index");
                Number type = ResTest.number(row, "Data_Type");
                if (index != null && type != null) {
                    Object unit = row.get("Unit");
                    units.put(key(index.intValue(), type.intValue()), unit instanceof String s ? s.strip() : "");
                }
                if (units.size() > AuxValues.MAX_CHANNELS) {
                    throw new BinaryFormatException(
                            db.file(),
                            "table " + TABLE,
                            "at most " + AuxValues.MAX_CHANNELS + " auxiliary inputs",
                            "at least " + units.size());
                }
            }
        } catch (RuntimeException e) {
            throw db.damaged(TABLE, e);
        }
        return new AuxChannels(Map.copyOf(units));
    }

    /** How many inputs the channel declares: a data point has all its aux values when it has this many. */
    int declared() {
        return units.size();
    }

    boolean isDeclared(int index, int type) {
        return units.containsKey(key(index, type));
    }

    /** The vendor-style name of an input: {@code V1}, {@code T3}, {@code AUX2_1}. */
    static String name(int index, int type) {
        String number = Integer.toString(index + 1);
        return switch (type) {
            case VOLTAGE -> "V" + number;
            case TEMPERATURE -> "T" + number;
            default -> "AUX" + type + "_" + number;
        };
    }

    /** A value as written, converted to V or °C when its unit says otherwise (mV; F, K). */
    double toStandardUnit(int index, int type, double value) {
        String unit = units.getOrDefault(key(index, type), "").toUpperCase(Locale.ROOT);
        if (type == VOLTAGE && unit.equals("MV")) {
            return value / 1000;
        }
        if (type == TEMPERATURE) {
            if (unit.equals("F") || unit.equals("°F")) {
                return (value - 32) * 5 / 9;
            }
            if (unit.equals("K")) {
                return value - 273.15;
            }
        }
        return value;
    }

    private static long key(int index, int type) {
        return ((long) type << 32) | (index & 0xffffffffL);
    }
}
