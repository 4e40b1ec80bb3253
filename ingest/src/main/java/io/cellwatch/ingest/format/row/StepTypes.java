package io.cellwatch.ingest.format.row;

import io.cellwatch.model.StepType;
import java.util.Locale;

/** Vendor step and state names mapped onto {@link StepType}. */
public final class StepTypes {
    private StepTypes() {}

    /**
     * Neware's step types ({@code CC Chg}, {@code CCCV Chg}, {@code CC DChg}, {@code CP DChg},
     * {@code Rest}, {@code Pause}, {@code Cycle}, {@code End}); also the spellings with underscores.
     */
    public static StepType neware(String type) {
        String t = type.strip().toLowerCase(Locale.ROOT).replace('_', ' ');
        if (t.contains("dchg") || t.contains("discharge")) {
            return StepType.DISCHARGE;
        }
        if (t.contains("chg") || t.contains("charge")) {
            return StepType.CHARGE;
        }
        if (t.equals("rest")) {
            return StepType.REST;
        }
        return StepType.OTHER;
    }

    /** Maccor's state column: C charge, D discharge, R rest; O (other), S (stopped) and the rest move no counted charge. */
    public static StepType maccor(String state) {
        String s = state.strip();
        if (s.equals("C")) {
            return StepType.CHARGE;
        }
        if (s.equals("D")) {
            return StepType.DISCHARGE;
        }
        if (s.equals("R")) {
            return StepType.REST;
        }
        return StepType.OTHER;
    }
}
