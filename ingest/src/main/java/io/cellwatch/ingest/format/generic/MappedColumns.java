package io.cellwatch.ingest.format.generic;

import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.generic.ColumnMapping.ColumnRef;
import io.cellwatch.ingest.format.layout.BoundColumns;
import io.cellwatch.ingest.format.layout.ColumnBinder;
import io.cellwatch.ingest.format.layout.CounterRule;
import io.cellwatch.ingest.format.layout.Quantity;
import io.cellwatch.ingest.format.row.StepTypes;
import io.cellwatch.ingest.format.text.FileFormatException;
import io.cellwatch.ingest.format.text.Header;
import io.cellwatch.ingest.format.text.Header.Column;
import io.cellwatch.ingest.format.text.Units;
import io.cellwatch.model.StepType;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * A {@link ColumnMapping} as a {@link ColumnBinder}: each mapped column found by its exact header
 * text, in the unit the mapping gives (or the quantity's), step names through the mapping's
 * {@code stepTypes} first and Neware's names second, single counters split by direction.
 */
final class MappedColumns implements ColumnBinder {
    /** The mapping's quantity names and what cellwatch calls them. */
    private static final Map<String, Quantity> QUANTITIES = Map.ofEntries(
            Map.entry("dataPoint", Quantity.DATA_POINT),
            Map.entry("testTime", Quantity.TEST_TIME),
            Map.entry("wallTime", Quantity.WALL_TIME),
            Map.entry("cycle", Quantity.CYCLE),
            Map.entry("step", Quantity.STEP),
            Map.entry("stepType", Quantity.STEP_TYPE),
            Map.entry("voltage", Quantity.VOLTAGE),
            Map.entry("current", Quantity.CURRENT),
            Map.entry("chargeCapacity", Quantity.CHARGE_CAPACITY),
            Map.entry("dischargeCapacity", Quantity.DISCHARGE_CAPACITY),
            Map.entry("capacity", Quantity.CAPACITY),
            Map.entry("chargeEnergy", Quantity.CHARGE_ENERGY),
            Map.entry("dischargeEnergy", Quantity.DISCHARGE_ENERGY),
            Map.entry("energy", Quantity.ENERGY),
            Map.entry("temperature", Quantity.TEMPERATURE));

    private final ColumnMapping mapping;

    MappedColumns(ColumnMapping mapping) {
        this.mapping = mapping;
    }

    static double constantCurrentA(ColumnMapping mapping) {
        ColumnMapping.Quantity q = mapping.constantCurrent();
        return q.value() * Units.current(q.unit() == null ? "A" : q.unit());
    }

    @Override
    public BoundColumns bind(Header header, SourceFile source, long line) throws FileFormatException {
        BoundColumns bound =
                new BoundColumns(source.zone(), source.dateOrder(), this::stepType, CounterRule.SPLIT_BY_DIRECTION);
        bound.tryWallTimeFormFirst(source, line); // the mapping's own format, below, wins
        try {
            for (Map.Entry<String, ColumnRef> e : mapping.columns().entrySet()) {
                ColumnRef ref = e.getValue();
                String unit = ref.unit() != null ? ref.unit() : ColumnMapping.QUANTITIES.get(e.getKey());
                bound.put(QUANTITIES.get(e.getKey()), find(header, source, line, e.getKey(), ref), unit, false);
            }
            if ("discharge-positive".equals(mapping.currentSign())) {
                bound.scaleBy(Quantity.CURRENT, -1);
            }
            ColumnRef wall = mapping.columns().get("wallTime");
            if (wall != null && wall.format() != null && !wall.format().equalsIgnoreCase("auto")) {
                bound.useWallTimePattern(DateTimeFormatter.ofPattern(wall.format(), Locale.ROOT));
            }
            if (!bound.has(Quantity.CURRENT)) {
                constantCurrentA(mapping);
            }
        } catch (IllegalArgumentException e) {
            throw new FileFormatException(source.path(), line, "mapping: " + e.getMessage());
        }
        return bound;
    }

    private StepType stepType(String value) {
        String mapped = mapping.stepTypes().get(value);
        return mapped != null ? StepType.valueOf(mapped.toUpperCase(Locale.ROOT)) : StepTypes.neware(value);
    }

    /** The mapped column, found by its exact header text. */
    private static Column find(Header h, SourceFile source, long line, String quantity, ColumnRef ref)
            throws FileFormatException {
        for (int i = 0; i < h.size(); i++) {
            if (h.name(i).strip().equals(ref.name().strip())) {
                return new Column(i, ref.name(), ref.unit());
            }
        }
        throw new FileFormatException(
                source.path(), line, "mapping: " + quantity + ": no column '" + ref.name() + "' in the header");
    }
}
