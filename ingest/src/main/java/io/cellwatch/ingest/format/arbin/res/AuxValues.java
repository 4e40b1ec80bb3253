package io.cellwatch.ingest.format.arbin.res;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The auxiliary values of one data point as they are collected from {@code Auxiliary_Table}. */
final class AuxValues {
    /** More inputs than any Arbin auxiliary box carries: a bound so a damaged file cannot fill memory. */
    static final int MAX_CHANNELS = 1024;

    private final Map<String, Double> values = new LinkedHashMap<>();
    private final Set<String> declaredSeen = new HashSet<>();
    private int firstTemperatureIndex = Integer.MAX_VALUE;
    private Double firstTemperatureC;

    /** Adds one input's value; a value that is not a number (a disconnected thermocouple) is left out. */
    void add(AuxChannels channels, int index, int type, double written) {
        String name = AuxChannels.name(index, type);
        if (channels.isDeclared(index, type)) {
            declaredSeen.add(name);
        }
        double value = channels.toStandardUnit(index, type, written);
        if (!Double.isFinite(value) || values.size() >= MAX_CHANNELS) {
            return;
        }
        values.put(name, value);
        if (type == AuxChannels.TEMPERATURE && index < firstTemperatureIndex) {
            firstTemperatureIndex = index;
            firstTemperatureC = value;
        }
    }

    /** Whether every input the channel declares has been written for this data point. */
    boolean complete(AuxChannels channels) {
        return declaredSeen.size() >= channels.declared();
    }

    /** The values by name, or null when there are none (the sample then carries no auxiliary map). */
    Map<String, Double> byName() {
        return values.isEmpty() ? null : values;
    }

    /** The lowest-numbered thermocouple, the cell's temperature as far as the cycler knows it. */
    Double firstTemperatureC() {
        return firstTemperatureC;
    }
}
