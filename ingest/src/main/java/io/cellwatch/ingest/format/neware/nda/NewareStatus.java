package io.cellwatch.ingest.format.neware.nda;

import io.cellwatch.ingest.format.row.StepTypes;
import io.cellwatch.model.StepType;
import java.util.Locale;

/**
 * The step status byte Neware writes in every record (and in {@code data_step.ndc}), as the name
 * BTS and BTSDA show ({@code CC_Chg}, {@code CCCV_DChg}, {@code Rest}, ...). What a name means
 * for cellwatch is decided once, by {@link StepTypes#neware}, the rule the CSV exports use too.
 */
public final class NewareStatus {
    private static final String[] NAMES = new String[28];

    static {
        NAMES[1] = "CC_Chg";
        NAMES[2] = "CC_DChg";
        NAMES[3] = "CV_Chg";
        NAMES[4] = "Rest";
        NAMES[5] = "Cycle";
        NAMES[7] = "CCCV_Chg";
        NAMES[8] = "CP_DChg";
        NAMES[9] = "CP_Chg";
        NAMES[10] = "CR_DChg";
        NAMES[13] = "Pause";
        NAMES[16] = "Pulse";
        NAMES[17] = "SIM";
        NAMES[18] = "PCCCV_Chg";
        NAMES[19] = "CV_DChg";
        NAMES[20] = "CCCV_DChg";
        NAMES[21] = "Control";
        NAMES[22] = "OCV";
        NAMES[25] = "Ramp";
        NAMES[26] = "CPCV_DChg";
        NAMES[27] = "CPCV_Chg";
    }

    private static final StepType[] TYPES = new StepType[NAMES.length];

    static {
        for (int code = 0; code < NAMES.length; code++) {
            TYPES[code] = NAMES[code] == null ? StepType.OTHER : StepTypes.neware(NAMES[code]);
        }
    }

    private NewareStatus() {}

    /** The status name, or {@code Status_N} for a code no public description names. */
    public static String name(int code) {
        if (code >= 0 && code < NAMES.length && NAMES[code] != null) {
            return NAMES[code];
        }
        return String.format(Locale.ROOT, "Status_%d", code);
    }

    /** What the step does, by {@link StepTypes#neware}; unknown codes move no counted charge. */
    public static StepType stepType(int code) {
        return code >= 0 && code < TYPES.length ? TYPES[code] : StepType.OTHER;
    }

    /**
     * The direction a step's capacity counts in: +1 charge, -1 discharge, 0 for steps that are
     * neither (rest, pulse, SIM, ...), where the current's sign decides instead.
     */
    public static int direction(int code) {
        StepType type = stepType(code);
        return type == StepType.CHARGE ? 1 : type == StepType.DISCHARGE ? -1 : 0;
    }
}
