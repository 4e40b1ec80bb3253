package io.cellwatch.ingest.format.row;

import io.cellwatch.model.StepType;
import java.util.Locale;
import java.util.Set;

/** Vendor step and state names mapped onto {@link StepType}. */
public final class StepTypes {
    private StepTypes() {}

    /**
     * Neware's step types ({@code CC Chg}, {@code CCCV Chg}, {@code CC DChg}, {@code CP DChg},
     * {@code Rest}, {@code Pause}, {@code Cycle}, {@code End}); also the spellings with underscores, and the
     * Chinese names: a step whose name holds 放电 (discharge: 恒流放电, 恒流恒压放电, 恒功率放电) or 充电
     * (charge: 恒流充电, 恒压充电, 恒流恒压充电), and 搁置 or 静置 (rest). 暂停 (pause), 循环 (loop) and
     * 结束 (end) are the other steps, as their English names are.
     */
    public static StepType neware(String type) {
        String t = type.strip().toLowerCase(Locale.ROOT).replace('_', ' ');
        if (t.contains("放电")) {
            return StepType.DISCHARGE;
        }
        if (t.contains("充电")) {
            return StepType.CHARGE;
        }
        if (t.equals("搁置") || t.equals("静置")) {
            return StepType.REST;
        }
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

    /**
     * Novonix's numeric step types: 0 is open circuit (a rest); the others name the step's control (1 and 7 a
     * constant-current charge, 2 and 9 a constant-current discharge, 8 and 10 the constant-voltage part of a
     * CC-CV step), but a discharge is also written 1 on some files, so for them the current's sign says the
     * direction (null here).
     */
    public static StepType novonix(String type) {
        return type.strip().equals("0") ? StepType.REST : null;
    }

    /**
     * BaSyTec's {@code Command}, the test plan's line that logged the row: {@code Charge}, {@code Discharge},
     * {@code Pause}; any other command (a pulse, a wait, a plan's own names) is read by the current's sign (null).
     */
    public static StepType basytec(String command) {
        String c = command.strip().toLowerCase(Locale.ROOT);
        return switch (c) {
            case "charge" -> StepType.CHARGE;
            case "discharge" -> StepType.DISCHARGE;
            case "pause" -> StepType.REST;
            default -> null;
        };
    }

    /**
     * Digatron's {@code Status}: {@code CHA} charge, {@code DCH} discharge, {@code PAU} pause; anything else is
     * read by the current's sign (null).
     */
    public static StepType digatron(String status) {
        String s = status.strip().toUpperCase(Locale.ROOT);
        return switch (s) {
            case "CHA" -> StepType.CHARGE;
            case "DCH" -> StepType.DISCHARGE;
            case "PAU" -> StepType.REST;
            default -> null;
        };
    }

    /**
     * Landt's step state ({@code Step-State}, {@code State}, {@code StepStatus}): {@code R} or {@code Rest} a
     * rest; {@code RateC}, {@code CCC} (constant-current charge), {@code CCCV_C}, LAND's {@code C_CC},
     * {@code C_CV} and {@code C_Rate}, and names ending in {@code Chg} a charge; {@code RateD}, {@code CCD},
     * LAND's {@code D_CC} and {@code D_Rate}, and names ending in {@code DChg} a discharge. Anything else is
     * read by the current's sign (null). A constant-voltage charge's current decays to what the cycler logs as
     * zero: its state, not the sign, says it is still the charge.
     */
    public static StepType landt(String state) {
        String s = state.strip();
        String lower = s.toLowerCase(Locale.ROOT);
        if (s.equals("R") || lower.equals("rest")) {
            return StepType.REST;
        }
        if (s.equals("RateD") || s.equals("CCD") || LAND_DISCHARGES.contains(lower) || lower.endsWith("dchg")) {
            return StepType.DISCHARGE;
        }
        if (s.equals("RateC") || s.equals("CCC") || LAND_CHARGES.contains(lower) || lower.endsWith("chg")) {
            return StepType.CHARGE;
        }
        return null;
    }

    private static final Set<String> LAND_CHARGES = Set.of("c_cc", "c_cv", "c_rate", "cccv_c");
    private static final Set<String> LAND_DISCHARGES = Set.of("d_cc", "d_rate");

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
