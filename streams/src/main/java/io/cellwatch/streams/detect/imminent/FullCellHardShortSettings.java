package io.cellwatch.streams.detect.imminent;

/**
 * Thresholds of the full-cell hard-short detector.
 *
 * @param learnCycles        complete cycles whose discharges must have been seen before the detector judges
 * @param pinnedFraction     under charge current, |V| below this fraction of the lowest |V| the cell's own
 *                           discharges reach is a voltage pinned by a short
 * @param minDischargedV     the lowest discharge |V| under which the detector does not judge: a cell that is
 *                           discharged near 0 V (an anode against lithium) cannot be told from a shorted one
 * @param persistenceSamples consecutive charging samples below that fire
 * @param resolveAfterCycles cycles whose charges stay above it that resolve the alert (a new cell, a repaired contact)
 * @param restDescentSamples at rest, readings below that fraction running, each lower than the one before, that fire
 */
public record FullCellHardShortSettings(
        int learnCycles,
        double pinnedFraction,
        double minDischargedV,
        int persistenceSamples,
        int resolveAfterCycles,
        int restDescentSamples) {

    /**
     * A cell taking charge current cannot sit below its own discharged voltage: the charge raises its
     * voltage above the open-circuit voltage, which is above the discharge's end under load (the cycler's
     * lower cut-off). Half of that end voltage (1.25–1.5 V for Li-ion, LFP and Li-metal cathodes) is
     * below any open-circuit voltage a lithium-ion cathode reaches, and far below any contact or
     * polarisation effect (tens to hundreds of mV): only a path inside the cell passing more than the
     * charge current puts it there, and a hard short's voltage is I·R of that path (domain guide). Two
     * samples so a single misread row does not alert. Anode half cells (discharged at a few mV) and
     * symmetric cells (their own hard-short check) are left out by the 1 V floor and by cell type. At rest
     * the same limit holds (a resting cell relaxes towards its open-circuit voltage, above where its
     * discharges end), but a voltage lead coming off also reads under it: it reads 0 V at once and then
     * scatters about it, while a cell draining into a short falls reading after reading. Three readings
     * running, each lower than the last, under the limit, and falling over them by more than a reading's noise
     * makes ({@link io.cellwatch.streams.detect.leak.LeakEstimate#UNMISTAKABLE_FALL_V}): one reading more than
     * the charge's two, since without an applied current nothing else says the cell is there.
     */
    public static FullCellHardShortSettings defaults() {
        return new FullCellHardShortSettings(2, 0.5, 1.0, 2, 3, 3);
    }
}
