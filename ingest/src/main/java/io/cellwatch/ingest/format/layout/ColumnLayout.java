package io.cellwatch.ingest.format.layout;

import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.row.StepTypes;
import io.cellwatch.ingest.format.text.FileFormatException;
import io.cellwatch.ingest.format.text.Header;
import io.cellwatch.ingest.format.text.Header.Column;
import io.cellwatch.model.StepType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A vendor's export written down as data: which header names hold which {@link Quantity}, in which
 * unit when the header says none, how its step names read and which {@link CounterRule} its
 * counters follow. A format that is nothing but a column layout is this declaration and a line
 * that recognises its header; {@link LayoutRowReader} does the reading for all of them.
 *
 * <p>Names are matched as {@link Header#key} does (case, blanks, underscores and dots do not
 * matter; EC-Lab's case does). A name may carry the unit it implies in brackets,
 * {@code "mAmp-hr[mAh]"}, for vendors that write the unit into the name instead of beside it.
 */
public final class ColumnLayout implements ColumnBinder {

    /** Whether a column must be in the header, and whether each row must fill it. */
    public enum Presence {
        /** The header must have the column and every row a value. */
        REQUIRED,
        /** The header must have the column; a row may leave it empty or NaN (the counter holds). */
        COLUMN_REQUIRED,
        /** Read when the header has it. */
        OPTIONAL
    }

    /** One header name for a quantity, and the unit the name implies, if it implies one. */
    record Alias(String name, String impliedUnit) {
        static Alias parse(String declared) {
            int open = declared.lastIndexOf('[');
            if (open > 0 && declared.endsWith("]")) {
                return new Alias(declared.substring(0, open), declared.substring(open + 1, declared.length() - 1));
            }
            return new Alias(declared, null);
        }
    }

    /** A quantity with the names it goes by, in order of preference. */
    record Binding(Quantity quantity, Presence presence, List<Alias> aliases) {
        String lookedFor() {
            return aliases.stream().map(a -> "'" + a.name() + "'").collect(Collectors.joining(", "));
        }
    }

    private final List<Binding> bindings;
    private final Map<Quantity, String> defaultUnits;
    private final Function<String, StepType> stepTypes;
    private final CounterRule counters;

    private ColumnLayout(Builder b) {
        this.bindings = List.copyOf(b.bindings);
        this.defaultUnits = Map.copyOf(b.defaultUnits);
        this.stepTypes = b.stepTypes;
        this.counters = b.counters;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The quantities this layout reads, for a format's description. */
    public List<Quantity> quantities() {
        return bindings.stream().map(Binding::quantity).toList();
    }

    /**
     * Finds this layout's columns in a file's header.
     *
     * @param line the header's line number, for messages
     * @throws FileFormatException naming file and line when a required column is missing, a unit is
     *                             unknown, or the header has neither a test time nor a wall-clock column
     */
    @Override
    public BoundColumns bind(Header header, SourceFile source, long line) throws FileFormatException {
        BoundColumns bound = new BoundColumns(source.zone(), source.dateOrder(), stepTypes, counters);
        bound.tryWallTimeFormFirst(source, line);
        for (Binding b : bindings) {
            bindOne(header, source, line, b, bound);
        }
        if (!bound.has(Quantity.TEST_TIME) && !bound.has(Quantity.WALL_TIME)) {
            String names = bindings.stream()
                    .filter(b -> b.quantity() == Quantity.TEST_TIME || b.quantity() == Quantity.WALL_TIME)
                    .map(Binding::lookedFor)
                    .collect(Collectors.joining(", "));
            throw new FileFormatException(source.path(), line, "no test time column (looked for " + names + ")");
        }
        return bound;
    }

    private void bindOne(Header header, SourceFile source, long line, Binding b, BoundColumns bound)
            throws FileFormatException {
        for (Alias alias : b.aliases()) {
            Column column = header.find(alias.name());
            if (column != null) {
                String unit = alias.impliedUnit() != null
                        ? alias.impliedUnit()
                        : column.unitOr(defaultUnits.getOrDefault(
                                b.quantity(), b.quantity().defaultUnit()));
                try {
                    bound.put(b.quantity(), column, unit, b.presence() == Presence.REQUIRED);
                } catch (IllegalArgumentException e) {
                    throw new FileFormatException(source.path(), line, e.getMessage());
                }
                return;
            }
        }
        if (b.presence() != Presence.OPTIONAL) {
            throw new FileFormatException(
                    source.path(), line, "no " + b.quantity().label() + " column (looked for " + b.lookedFor() + ")");
        }
    }

    /** Declares a layout. */
    public static final class Builder {
        private final List<Binding> bindings = new ArrayList<>();
        private final Map<Quantity, String> defaultUnits = new EnumMap<>(Quantity.class);
        private Function<String, StepType> stepTypes = StepTypes::neware;
        private CounterRule counters = CounterRule.AS_WRITTEN;

        private Builder() {}

        /** A column the header must have and every row must fill, under the first of these names present. */
        public Builder required(Quantity quantity, String... names) {
            return add(quantity, Presence.REQUIRED, names);
        }

        /** A column the header must have, whose cells a row may leave empty or NaN. */
        public Builder columnRequired(Quantity quantity, String... names) {
            return add(quantity, Presence.COLUMN_REQUIRED, names);
        }

        /** A column read when the header has it. */
        public Builder optional(Quantity quantity, String... names) {
            return add(quantity, Presence.OPTIONAL, names);
        }

        /** The unit a quantity's column is in when the header writes none (else the quantity's own default). */
        public Builder defaultUnit(Quantity quantity, String unit) {
            defaultUnits.put(quantity, unit);
            return this;
        }

        /** How the vendor's step or state names read (default: Neware's names). */
        public Builder stepTypes(Function<String, StepType> rule) {
            this.stepTypes = rule;
            return this;
        }

        /** The rule the vendor's counters follow (default {@link CounterRule#AS_WRITTEN}). */
        public Builder counters(CounterRule rule) {
            this.counters = rule;
            return this;
        }

        public ColumnLayout build() {
            return new ColumnLayout(this);
        }

        private Builder add(Quantity quantity, Presence presence, String... names) {
            if (bindings.stream().anyMatch(b -> b.quantity() == quantity)) {
                throw new IllegalArgumentException(quantity + " is declared twice");
            }
            bindings.add(new Binding(
                    quantity, presence, Stream.of(names).map(Alias::parse).toList()));
            return this;
        }
    }
}
