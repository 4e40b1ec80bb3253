package io.cellwatch.model;

/**
 * Field checks shared by the wire records' constructors. They throw {@link InvalidRecordException}
 * naming the field, so a bad record reaching Kafka lands in the dead-letter topic with a reason a
 * person can act on.
 */
final class WireChecks {
    private WireChecks() {}

    static void schemaVersion(String record, int version, int supported) {
        if (version < 1 || version > supported) {
            throw new InvalidRecordException(
                    record + ".schemaVersion",
                    "unsupported schema version " + version + " (this build reads 1.." + supported + ")");
        }
    }

    static void channelId(String record, String channelId) {
        if (channelId == null || channelId.isBlank()) {
            throw new InvalidRecordException(record + ".channelId", "missing channel id");
        }
    }

    static void finite(String field, double value) {
        if (!Double.isFinite(value)) {
            throw new InvalidRecordException(field, "not a finite number: " + value);
        }
    }

    static void finiteOrNull(String field, Double value) {
        if (value != null) {
            finite(field, value);
        }
    }

    static void notNull(String field, Object value) {
        if (value == null) {
            throw new InvalidRecordException(field, "missing");
        }
    }

    static void positiveOrNull(String field, Double value) {
        if (value != null && !(value > 0 && Double.isFinite(value))) {
            throw new InvalidRecordException(field, "must be a positive number, was " + value);
        }
    }
}
