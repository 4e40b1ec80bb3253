package io.cellwatch.ingest.format.text;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A header row of a delimited export: finds columns by name whatever the vendor's spelling of
 * spaces, underscores and dots ({@code Charge_Capacity(Ah)}, {@code Chg. Cap.(Ah)},
 * {@code Q charge/mA.h}), and reads the unit the header writes next to the name. Case does not
 * matter either, except in EC-Lab's headers ({@link UnitStyle#SLASH}), which tell columns apart by
 * case alone ({@code dq}, the charge since the previous row, beside {@code dQ}, since the step began).
 */
public final class Header {

    /** How a header writes a column's unit. */
    public enum UnitStyle {
        /** {@code Current(mA)}, {@code Test (Sec)}: Arbin, Neware, Battery Archive. */
        PARENTHESES,
        /**
         * {@code I/mA}, {@code Q charge/mA.h}: EC-Lab. The unit is the part after the last slash, since
         * EC-Lab's names have slashes of their own ({@code Q charge/discharge/mA.h},
         * {@code control/V/mA}); {@code <Ewe/V>} is {@code <Ewe>} in V. (Units with a slash, such as
         * {@code Re(Conductivity)/mS/cm}, belong to columns cellwatch does not read.)
         */
        SLASH,
        /** {@code U[V]}, {@code Time[h]}, {@code T1[°C]}: BaSyTec. */
        BRACKETS,
        /** {@code Voltage#V}, {@code AhCha#Ah}: Digatron. */
        HASH
    }

    /** A column found in the header. */
    public record Column(int index, String name, String unit) {
        /** The header's unit, or {@code fallback} when the header writes none. */
        public String unitOr(String fallback) {
            return unit == null || unit.isBlank() ? fallback : unit;
        }
    }

    private final String[] names;
    private final String[] units;
    private final Map<String, Integer> byKey = new HashMap<>();
    private final boolean caseSensitive;

    /**
     * The header of a comma-separated export whose first line is its header, for format
     * recognition: empty when the first line has no comma or cannot be split.
     */
    public static Optional<Header> ofCommaSeparatedFirstLine(List<String> firstLines) {
        if (firstLines.isEmpty() || firstLines.get(0).indexOf(',') < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Header(new Delimited(',').split(firstLines.get(0)), UnitStyle.PARENTHESES));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The header of a delimited export whose first line is its header, for format recognition: split at
     * {@link #delimiterOf its delimiter}; empty when the line has none or cannot be split.
     */
    public static Optional<Header> ofDelimitedFirstLine(List<String> firstLines) {
        if (firstLines.isEmpty()) {
            return Optional.empty();
        }
        String line = firstLines.get(0);
        char delimiter = delimiterOf(line);
        if (line.indexOf(delimiter) < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Header(new Delimited(delimiter).split(line), UnitStyle.PARENTHESES));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * What separates the cells of a header line: a semicolon, or else a tab, where the line has one and no
     * comma; otherwise a comma. A PC set to a German, French or Italian locale saves its CSV with
     * semicolons, since its numbers write a decimal comma ({@code 3,712}); a copy out of a spreadsheet is
     * tab-separated. Column names have no commas, so a header with one is comma-separated.
     */
    public static char delimiterOf(String headerLine) {
        if (headerLine.indexOf(',') >= 0) {
            return ',';
        }
        if (headerLine.indexOf(';') >= 0) {
            return ';';
        }
        return headerLine.indexOf('\t') >= 0 ? '\t' : ',';
    }

    public Header(String[] names, UnitStyle style) {
        this.names = names.clone();
        this.units = new String[names.length];
        this.caseSensitive = style == UnitStyle.SLASH;
        for (int i = 0; i < names.length; i++) {
            String name = names[i].strip();
            if (style == UnitStyle.PARENTHESES) {
                // Chinese software may write the unit in full-width parentheses: 电流（mA）.
                name = name.replace('\uFF08', '(').replace('\uFF09', ')');
            }
            String base = name;
            if (style == UnitStyle.PARENTHESES && name.endsWith(")") && name.lastIndexOf('(') > 0) {
                int open = name.lastIndexOf('(');
                base = name.substring(0, open);
                units[i] = name.substring(open + 1, name.length() - 1).strip();
            } else if (style == UnitStyle.BRACKETS && name.endsWith("]") && name.lastIndexOf('[') > 0) {
                int open = name.lastIndexOf('[');
                base = name.substring(0, open);
                units[i] = name.substring(open + 1, name.length() - 1).strip();
            } else if (style == UnitStyle.HASH && name.lastIndexOf('#') > 0) {
                int hash = name.lastIndexOf('#');
                base = name.substring(0, hash);
                units[i] = name.substring(hash + 1).strip();
            } else if (style == UnitStyle.SLASH && name.lastIndexOf('/') > 0) {
                int slash = name.lastIndexOf('/');
                base = name.substring(0, slash);
                units[i] = name.substring(slash + 1).strip();
                if (name.startsWith("<") && name.endsWith(">")) { // <Ewe/V>: the average Ewe, in V
                    base = base + ">";
                    units[i] = units[i].substring(0, units[i].length() - 1).strip();
                }
            }
            byKey.putIfAbsent(lookupKey(base), i);
        }
    }

    private String lookupKey(String name) {
        return caseSensitive ? keepingCase(name) : key(name);
    }

    /**
     * A column name reduced to what vendors agree on: lower case without blanks, underscores, dots
     * and hyphens ({@code Data_Point} = {@code DataPoint} = {@code data point}). Other marks stay,
     * so EC-Lab's {@code |Ewe|} is not mistaken for {@code Ewe}.
     */
    public static String key(String name) {
        return keepingCase(name).toLowerCase(Locale.ROOT);
    }

    /** {@link #key} without folding case. */
    private static String keepingCase(String name) {
        StringBuilder b = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == ' ' || c == '_' || c == '.' || c == '-' || c == '\t' || c == '\uFEFF') {
                continue;
            }
            b.append(c);
        }
        return b.toString();
    }

    /** The first of these columns (by {@link #key}) the header has, or null. */
    public Column find(String... keys) {
        for (String k : keys) {
            String name = k.strip();
            if (name.endsWith(")") && name.lastIndexOf('(') > 0) {
                name = name.substring(0, name.lastIndexOf('(')); // "Test (Sec)" is looked up as "Test"
            }
            Integer i = byKey.get(lookupKey(name));
            if (i != null) {
                return new Column(i, names[i], units[i]);
            }
        }
        return null;
    }

    public boolean has(String... keys) {
        return find(keys) != null;
    }

    /**
     * The first of these columns, or a {@link FileFormatException} saying which names were looked for.
     *
     * @param quantity what the column holds, for the message ("current")
     */
    public Column require(Path file, long line, String quantity, String... keys) throws FileFormatException {
        Column c = find(keys);
        if (c == null) {
            throw new FileFormatException(
                    file,
                    line,
                    "no " + quantity + " column (looked for "
                            + String.join(
                                    ", ",
                                    Arrays.stream(keys).map(k -> "'" + k + "'").toList()) + ")");
        }
        return c;
    }

    public int size() {
        return names.length;
    }

    public String name(int index) {
        return names[index];
    }
}
