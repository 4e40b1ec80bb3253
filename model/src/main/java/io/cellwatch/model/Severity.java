package io.cellwatch.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How urgently someone should look at a channel. */
public enum Severity {
    /** Something is drifting: look at the channel today. */
    WARNING,
    /** A short is under way or imminent: act now (pause the channel). */
    CRITICAL;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Severity fromWireName(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
}
