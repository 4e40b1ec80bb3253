package io.cellwatch.streams.detect.profile;

import io.cellwatch.streams.detect.CapacityReference;
import io.cellwatch.streams.detect.fade.CapacityFadeSettings;
import io.cellwatch.streams.detect.imminent.FullCellHardShortSettings;
import io.cellwatch.streams.detect.imminent.ImminentShortSettings;
import io.cellwatch.streams.detect.imminent.VoltageDropSettings;
import io.cellwatch.streams.detect.replicate.ReplicateGroupSettings;
import io.cellwatch.streams.detect.softshort.CapacityDivergenceSettings;
import io.cellwatch.streams.detect.softshort.CeFluctuationSettings;
import io.cellwatch.streams.detect.symmetric.CriticalCurrentDensitySettings;
import io.cellwatch.streams.detect.symmetric.OverpotentialSettings;

/**
 * Every detector threshold for one kind of cell. The defaults per kind are documented on the
 * factory methods and on each settings record; {@link DetectorProfiles} picks one per channel from
 * its cell type and chemistry.
 *
 * @param name                   short name, shown in the README table and in logs
 * @param protocolCycles         how protocol-made cycles (diagnostic, HPPC, partial, rate changes) are recognised
 * @param capacityDivergence     soft short: charge up, discharge down
 * @param ceFluctuation          soft short: CE leaving its band
 * @param capacityFade           fade rate and retention
 * @param imminentShort          a charge that does not end
 * @param voltageDrop            sudden drops under constant charging current
 * @param fullCellHardShort      full and cathode half cells: the voltage pinned under charge current
 * @param overpotential          symmetric cells: drift, collapse, hard short
 * @param criticalCurrentDensity symmetric step-up tests
 * @param replicateGroup         a cell against its replicate group's siblings
 */
public record DetectorProfile(
        String name,
        CapacityReference.Settings protocolCycles,
        CapacityDivergenceSettings capacityDivergence,
        CeFluctuationSettings ceFluctuation,
        CapacityFadeSettings capacityFade,
        ImminentShortSettings imminentShort,
        VoltageDropSettings voltageDrop,
        FullCellHardShortSettings fullCellHardShort,
        OverpotentialSettings overpotential,
        CriticalCurrentDensitySettings criticalCurrentDensity,
        ReplicateGroupSettings replicateGroup) {

    /** Li-ion full cells (graphite, silicon-graphite, LTO anodes) and cells of unknown chemistry. */
    public static DetectorProfile liIon() {
        return new DetectorProfile(
                "li-ion",
                CapacityReference.Settings.defaults(),
                CapacityDivergenceSettings.defaults(),
                CeFluctuationSettings.liIon(),
                CapacityFadeSettings.liIon(),
                ImminentShortSettings.defaults(),
                VoltageDropSettings.defaults(),
                FullCellHardShortSettings.defaults(),
                OverpotentialSettings.defaults(),
                CriticalCurrentDensitySettings.defaults(),
                ReplicateGroupSettings.defaults());
    }

    /**
     * Full cells with a lithium-metal or lithium-alloy anode (Li, Li-In, anode-free), the solid-state
     * cells cellwatch is built around: CE scatters more and early fade is faster than in Li-ion.
     */
    public static DetectorProfile lithiumMetal() {
        return liIon().named("lithium-metal")
                .withCeFluctuation(CeFluctuationSettings.lithiumMetal())
                .withCapacityFade(CapacityFadeSettings.lithiumMetal());
    }

    /**
     * Anode-free full cells (lithium plated on a bare current collector): the cathode's lithium is the
     * whole inventory, so the cell fades by its coulombic loss every cycle by design.
     */
    public static DetectorProfile anodeFree() {
        return lithiumMetal().named("anode-free").withCapacityFade(CapacityFadeSettings.anodeFree());
    }

    /** Half cells against Li metal: formation cycles and alloy anodes make CE looser. */
    public static DetectorProfile halfCell() {
        return lithiumMetal().named("half-cell").withCeFluctuation(CeFluctuationSettings.halfCell());
    }

    /** Symmetric Li|electrolyte|Li cells: only the overpotential and step-up thresholds apply. */
    public static DetectorProfile symmetric() {
        return liIon().named("symmetric");
    }

    // The copies below name the component they replace; a component added to the record needs no change here.
    public DetectorProfile named(String newName) {
        return RecordCopy.replaced(this, "name", newName);
    }

    public DetectorProfile withCapacityDivergence(CapacityDivergenceSettings settings) {
        return RecordCopy.replaced(this, "capacityDivergence", settings);
    }

    public DetectorProfile withCeFluctuation(CeFluctuationSettings settings) {
        return RecordCopy.replaced(this, "ceFluctuation", settings);
    }

    public DetectorProfile withCapacityFade(CapacityFadeSettings settings) {
        return RecordCopy.replaced(this, "capacityFade", settings);
    }

    public DetectorProfile withImminentShort(ImminentShortSettings settings) {
        return RecordCopy.replaced(this, "imminentShort", settings);
    }

    public DetectorProfile withOverpotential(OverpotentialSettings settings) {
        return RecordCopy.replaced(this, "overpotential", settings);
    }
}
