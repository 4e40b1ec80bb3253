package io.cellwatch.ingest.format.generic;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.cellwatch.ingest.format.SourceFile;
import java.io.CharConversionException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How to read a delimited file no built-in format knows: which column holds what, in which unit.
 * Written as YAML, for example for an EC-Lab export of a symmetric cell at a constant 0.4 mA:
 *
 * <pre>
 * delimiter: "\t"
 * columns:
 *   testTime: time/s
 *   voltage: Ewe/V
 * constantCurrent: {value: 0.4, unit: mA}
 * </pre>
 *
 * @param delimiter       cell separator; guessed from the header line when absent (tab, then ';', then ',')
 * @param headerLine      1-based line of the header row (default 1); lines before it are skipped
 * @param columns         quantity → column; quantities are {@link #QUANTITIES}
 * @param constantCurrent the current of every row, for files without a current column
 * @param stepTypes       step-type column value → charge, discharge, rest or other
 * @param currentSign     {@code charge-positive} (default) or {@code discharge-positive}
 * @param loopFile        EC-Lab's loop index file beside each data file, its name with {@code {stem}} for the
 *                        data file's name without its extension (EC-Lab writes {@code "{stem}_LOOP.txt"}):
 *                        each loop is a cycle ({@link io.cellwatch.ingest.format.biologic.EcLabLoopIndexes}), for
 *                        files whose columns do not say where one ends; instead of a {@code cycle} column
 */
public record ColumnMapping(
        String delimiter,
        Integer headerLine,
        Map<String, ColumnRef> columns,
        Quantity constantCurrent,
        Map<String, String> stepTypes,
        String currentSign,
        String loopFile) {

    /** The quantities a mapping may name, with the unit assumed when none is given. */
    public static final Map<String, String> QUANTITIES = quantities();

    private static Map<String, String> quantities() {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("dataPoint", "");
        q.put("testTime", "s");
        q.put("wallTime", "");
        q.put("cycle", "");
        q.put("step", "");
        q.put("stepType", "");
        q.put("voltage", "V");
        q.put("current", "A");
        q.put("chargeCapacity", "Ah");
        q.put("dischargeCapacity", "Ah");
        q.put("capacity", "Ah");
        q.put("chargeEnergy", "Wh");
        q.put("dischargeEnergy", "Wh");
        q.put("energy", "Wh");
        q.put("temperature", "C");
        return java.util.Collections.unmodifiableMap(q);
    }

    /**
     * One column: its header name, its unit, and for times how it is written.
     *
     * @param name   the header cell, exactly as in the file
     * @param unit   the unit of its values (default: the quantity's)
     * @param format {@code testTime}: {@code seconds} (default) or {@code duration} (hh:mm:ss);
     *               {@code wallTime}: a java.time pattern such as {@code dd.MM.yyyy HH:mm:ss}, or
     *               {@code auto} (ISO-8601, US slashes, epoch seconds)
     */
    public record ColumnRef(String name, String unit, String format) {
        /** A bare column name in the YAML ({@code voltage: Ewe/V}). */
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public static ColumnRef ofName(String name) {
            return new ColumnRef(name, null, null);
        }

        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        public static ColumnRef of(
                @JsonProperty("name") String name,
                @JsonProperty("unit") String unit,
                @JsonProperty("format") String format) {
            return new ColumnRef(name, unit, format);
        }
    }

    /** A value with its unit ({@code {value: 0.4, unit: mA}}) or a bare number in the quantity's unit. */
    public record Quantity(double value, String unit) {
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public static Quantity ofValue(double value) {
            return new Quantity(value, null);
        }

        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        public static Quantity of(@JsonProperty("value") double value, @JsonProperty("unit") String unit) {
            return new Quantity(value, unit);
        }
    }

    public ColumnMapping {
        columns = columns == null ? Map.of() : Map.copyOf(columns);
        stepTypes = stepTypes == null ? Map.of() : Map.copyOf(stepTypes);
    }

    /**
     * Reads and checks a mapping file.
     *
     * @throws IOException naming the file and what is wrong (unknown quantity, missing voltage, ...)
     */
    public static ColumnMapping read(Path file) throws IOException {
        ObjectMapper yaml =
                new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        ColumnMapping mapping;
        try {
            mapping = yaml.readValue(file.toFile(), ColumnMapping.class);
        } catch (JsonProcessingException e) {
            // Not only bad values: YAML syntax errors come as JsonParseException, named nowhere else.
            throw new IOException(file + ": " + e.getOriginalMessage() + locationOf(e), e);
        } catch (CharConversionException e) {
            throw new IOException(file + ": not UTF-8 text: " + e.getMessage(), e);
        }
        if (mapping == null) {
            throw new IOException(file + ": the mapping file is empty");
        }
        mapping.check(file);
        return mapping;
    }

    /** The loop file of this data file (the {@code loopFile} name, {@code {stem}} replaced), beside it. */
    public Path loopFileOf(Path dataFile) {
        return dataFile.resolveSibling(loopFile.replace("{stem}", SourceFile.stem(dataFile)));
    }

    private static String locationOf(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
    }

    private void check(Path file) throws IOException {
        Set<String> unknown = columns.keySet().stream()
                .filter(k -> !QUANTITIES.containsKey(k))
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        if (!unknown.isEmpty()) {
            throw new IOException(file + ": columns: unknown quantity " + unknown + "; known: "
                    + String.join(", ", QUANTITIES.keySet()));
        }
        for (Map.Entry<String, ColumnRef> e : columns.entrySet()) {
            if (e.getValue() == null
                    || e.getValue().name() == null
                    || e.getValue().name().isBlank()) {
                throw new IOException(file + ": columns: " + e.getKey() + ": no column name");
            }
        }
        for (String required : List.of("testTime", "voltage")) {
            if (!columns.containsKey(required)) {
                throw new IOException(file + ": columns: '" + required + "' is required");
            }
        }
        if (!columns.containsKey("current") && constantCurrent == null) {
            throw new IOException(file + ": give a 'current' column or a 'constantCurrent'");
        }
        if (columns.containsKey("capacity")
                && (columns.containsKey("chargeCapacity") || columns.containsKey("dischargeCapacity"))) {
            throw new IOException(file + ": columns: give either 'capacity' (one counter, direction from the step "
                    + "or current) or 'chargeCapacity' and 'dischargeCapacity', not both");
        }
        if (columns.containsKey("chargeCapacity") != columns.containsKey("dischargeCapacity")) {
            throw new IOException(file + ": columns: 'chargeCapacity' and 'dischargeCapacity' go together");
        }
        if (currentSign != null
                && !currentSign.equals("charge-positive")
                && !currentSign.equals("discharge-positive")) {
            throw new IOException(
                    file + ": currentSign: '" + currentSign + "' (expected charge-positive or discharge-positive)");
        }
        for (Map.Entry<String, String> e : stepTypes.entrySet()) {
            String v = e.getValue() == null ? "" : e.getValue().toLowerCase(java.util.Locale.ROOT);
            if (!Set.of("charge", "discharge", "rest", "other").contains(v)) {
                throw new IOException(file + ": stepTypes: '" + e.getKey() + "': '" + e.getValue()
                        + "' (expected charge, discharge, rest or other)");
            }
        }
        if (delimiter != null && delimiter.length() != 1) {
            throw new IOException(file + ": delimiter: one character expected, was '" + delimiter + "'");
        }
        if (loopFile != null && (loopFile.isBlank() || loopFile.contains("/") || loopFile.contains("\\"))) {
            throw new IOException(file + ": loopFile: '" + loopFile
                    + "' (expected a file name beside the data file, such as \"{stem}_LOOP.txt\")");
        }
        if (loopFile != null && columns.containsKey("cycle")) {
            throw new IOException(file + ": give either a 'cycle' column or a 'loopFile', not both");
        }
        if (headerLine != null && headerLine < 1) {
            throw new IOException(file + ": headerLine: must be 1 or more, was " + headerLine);
        }
    }
}
