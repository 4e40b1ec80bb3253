package io.cellwatch.ingest.format.biologic.mpr;

/** Synthetic {@code .mpr} files for tests outside this package (the follower's), written by {@link MprBuilder}. */
public final class SyntheticMpr {
    /** EC-Lab's technique byte of GCPL, a cycling technique. */
    public static final int GCPL = 4;
    /** EC-Lab's technique byte of PEIS, impedance spectroscopy: refused. */
    public static final int PEIS = 29;

    private SyntheticMpr() {}

    /** A finished three-record file (rest, charge, discharge) whose settings module names this technique. */
    public static byte[] threeRecords(int techniqueByte) {
        return MprBuilder.threeRecordGcpl().technique(techniqueByte).build();
    }
}
