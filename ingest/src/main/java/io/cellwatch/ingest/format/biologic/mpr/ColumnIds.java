package io.cellwatch.ingest.format.biologic.mpr;

import static io.cellwatch.ingest.format.biologic.mpr.ValueType.F4;
import static io.cellwatch.ingest.format.biologic.mpr.ValueType.F8;
import static io.cellwatch.ingest.format.biologic.mpr.ValueType.U1;
import static io.cellwatch.ingest.format.biologic.mpr.ValueType.U2;
import static io.cellwatch.ingest.format.biologic.mpr.ValueType.U4;

import java.util.HashMap;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * EC-Lab's column IDs: what each column of a data record holds and how many bytes it takes. BioLogic
 * publishes no description; the table is the one the public parsers (yadg, galvani) arrived at, each
 * entry checked here against the {@code .mpt} export of the same run where a file has it (see the
 * real-data tests). Without an entry the length of a record is unknown, so an unknown ID stops the reader.
 *
 * <p>EC-Lab 11.x writes some IDs with bits above the low byte set (467 for {@code Q charge/discharge},
 * 434 for {@code (Q-Qo)} in C, 981 for {@code z cycle}): the quantity and type are those of
 * {@code id % 256}, which every file with an {@code .mpt} beside it confirms.
 *
 * <p>IDs 1, 2, 3, 21, 31 and 65 are flags packed into one byte, which sits where the first of them
 * appears in the ID list.
 */
final class ColumnIds {
    /** Technique byte of the settings module for BT-Lab's Battery Capacity Determination, which calls Ewe {@code Ecell}. */
    static final int TECHNIQUE_BCD = 136;

    static final int TIME = 4;
    static final int CONTROL_V_MA = 5;
    static final int EWE = 6;
    static final int DQ_MAH = 7;
    static final int I = 8;
    static final int ECE = 9;
    static final int MEAN_I_F8 = 11;
    static final int Q_MINUS_Q0_MAH = 13;
    static final int ANALOG_IN_1 = 16;
    static final int ANALOG_IN_2 = 17;
    static final int CYCLE_NUMBER = 24;
    static final int FREQUENCY = 32;
    static final int MEAN_I_F4 = 76;
    static final int MEAN_EWE = 77;
    static final int ENERGY_CHARGE = 123;
    static final int ENERGY_DISCHARGE = 124;
    static final int NS = 131;
    static final int MEAN_EWE_OR_PHASE = 174;
    static final int Q_MINUS_Q0_C = 178;
    static final int MEAN_ECE = 185;
    static final int TEMPERATURE = 206;
    static final int Q_CHARGE_DISCHARGE = 211;
    static final int HALF_CYCLE = 212;
    static final int MEAN_ECE_2 = 215;

    static final int FLAG_MODE = 1;
    static final int FLAG_OX_RED = 2;

    private static final Map<Integer, MprColumn> BY_BASE_ID = new HashMap<>();
    private static final Map<Integer, MprColumn> FLAGS = new HashMap<>();
    private static final Map<Integer, Integer> FLAG_MASKS = new HashMap<>();

    static {
        flag(1, "mode", 0x03);
        flag(2, "ox/red", 0x04);
        flag(3, "error", 0x08);
        flag(21, "control changes", 0x10);
        flag(31, "Ns changes", 0x20);
        flag(65, "counter inc.", 0x80);

        column(4, "time", "s", F8);
        column(5, "control", "V/mA", F4);
        column(6, "Ewe", "V", F4);
        column(7, "dq", "mA.h", F8);
        column(8, "I", "mA", F4);
        column(9, "Ece", "V", F4);
        column(11, "<I>", "mA", F8);
        column(13, "(Q-Qo)", "mA.h", F8);
        column(15, "Phase(Z1)", "deg", F4);
        column(16, "Analog IN 1", "V", F4);
        column(17, "Analog IN 2", "V", F4);
        column(19, "control", "V", F4);
        column(20, "control", "mA", F4);
        column(23, "dQ", "mA.h", F8);
        column(24, "cycle number", "", F8);
        // galvani's table (its issue 74: a three-electrode GCPL file); no shared file has them.
        column(26, "Rapp", "Ohm", F4);
        column(27, "Ewe-Ece", "V", F4);
        column(32, "freq", "Hz", F4);
        column(33, "|Ewe|", "V", F4);
        column(34, "|I|", "A", F4);
        column(35, "Phase(Z)", "deg", F4);
        column(36, "|Z|", "Ohm", F4);
        column(37, "Re(Z)", "Ohm", F4);
        column(38, "-Im(Z)", "Ohm", F4);
        column(39, "I Range", "", U2);
        column(45, "|Z1|", "Ohm", F4);
        column(46, "|Z2|", "Ohm", F4);
        column(69, "R", "Ohm", F4);
        column(70, "P", "W", F4);
        column(74, "|Energy|", "W.h", F8);
        column(75, "Analog OUT", "V", F4);
        column(76, "<I>", "mA", F4);
        column(77, "<Ewe>", "V", F4);
        column(78, "Cs-2", "µF-2", F4);
        column(96, "|Ece|", "V", F4);
        column(98, "Phase(Zce)", "deg", F4);
        column(99, "|Zce|", "Ohm", F4);
        column(100, "Re(Zce)", "Ohm", F4);
        column(101, "-Im(Zce)", "Ohm", F4);
        column(105, "-Im(Z1)", "Ohm", F4);
        column(106, "-Im(Z2)", "Ohm", F4);
        column(110, "Energy ce", "W.h", F8);
        column(112, "Energy we", "W.h", F8);
        column(115, "Energy ce charge", "W.h", F8);
        column(116, "Energy ce discharge", "W.h", F8);
        column(123, "Energy charge", "W.h", F8);
        column(124, "Energy discharge", "W.h", F8);
        column(125, "Capacitance charge", "µF", F8);
        column(126, "Capacitance discharge", "µF", F8);
        column(131, "Ns", "", U2);
        column(135, "<E1>", "V", F4);
        column(136, "<E2>", "V", F4);
        column(163, "|Estack|", "V", F4);
        column(166, "Phase(Zstack)", "deg", F4);
        column(167, "|Zstack|", "Ohm", F4);
        column(168, "Rcmp", "Ohm", F4);
        column(169, "Cs", "µF", F4);
        column(172, "Cp", "µF", F4);
        column(173, "Cp-2", "µF-2", F4);
        column(174, "<Ewe>", "V", F4);
        column(175, "|Zwe-ce|", "Ohm", F4);
        column(176, "Re(Zwe-ce)", "Ohm", F4);
        column(177, "-Im(Zwe-ce)", "Ohm", F4);
        column(178, "(Q-Qo)", "C", F4);
        column(179, "dQ", "C", F4);
        column(182, "step time", "s", F8);
        column(185, "<Ece>", "V", F4);
        column(206, "Temperature", "°C", F4);
        // yadg labels 211 in C; every .mpt beside a file with it says mA.h and holds the same numbers.
        column(211, "Q charge/discharge", "mA.h", F8);
        column(212, "half cycle", "", U4);
        column(213, "z cycle", "", U4);
        column(215, "<Ece>", "V", F4);
        harmonics(217, "THD", "%", "Ewe", "I", "Ece");
        harmonics(220, "NSD", "%", "Ewe", "I", "Ece");
        harmonics(223, "NSR", "%", "Ewe", "I", "Ece");
        for (int h = 2; h <= 7; h++) {
            column(228 + h, "|Ewe h" + h + "|", "V", F4);
            column(234 + h, "|I h" + h + "|", "A", F4);
            column(240 + h, "|Ece h" + h + "|", "V", F4);
        }
        column(248, "Rac", "Ohm", F4);
        column(249, "Rdc", "Ohm", F4);
        column(253, "Acir or Dcir Control", "", U1);
    }

    private ColumnIds() {}

    private static void flag(int id, String name, int mask) {
        FLAGS.put(id, new MprColumn(id, name, "", U1));
        FLAG_MASKS.put(id, mask);
    }

    private static void column(int id, String name, String unit, ValueType type) {
        if (BY_BASE_ID.put(id, new MprColumn(id, name, unit, type)) != null) {
            throw new IllegalStateException("column ID " + id + " defined twice");
        }
    }

    private static void harmonics(int firstId, String name, String unit, String... signals) {
        for (int i = 0; i < signals.length; i++) {
            column(firstId + i, name + " " + signals[i], unit, F4);
        }
    }

    /** The quantity an ID stands for, EC-Lab's higher bits removed. */
    static int baseOf(int id) {
        return id & 0xFF;
    }

    static boolean isFlag(int id) {
        return FLAGS.containsKey(id);
    }

    /** The bits of the flag byte this flag ID occupies. */
    static int flagMask(int id) {
        return FLAG_MASKS.get(id);
    }

    /**
     * What column {@code id} holds in a file whose other IDs are {@code present}, or null when the ID is
     * unknown.
     *
     * @param present   tests whether a base ID is among the file's columns
     * @param technique the technique byte of the settings module, or -1 when the file has none
     */
    static MprColumn describe(int id, IntPredicate present, int technique) {
        if (isFlag(id)) {
            return FLAGS.get(id);
        }
        MprColumn known = BY_BASE_ID.get(baseOf(id));
        if (known == null) {
            return null;
        }
        int base = baseOf(id);
        if (base == MEAN_EWE_OR_PHASE && (present.test(EWE) || present.test(MEAN_EWE))) {
            // Beside a working-electrode potential, 174 is the phase of Zwe-ce (peis.issue_225: the .mpt
            // shows Phase(Zwe-ce)/deg there); alone, it is <Ewe> (the cp and ocv files of EC-Lab 11.50).
            return new MprColumn(id, "Phase(Zwe-ce)", "deg", F4);
        }
        if (base == EWE && technique == TECHNIQUE_BCD) {
            return new MprColumn(id, "Ecell", "V", F4);
        }
        return new MprColumn(id, known.name(), known.unit(), known.type());
    }
}
