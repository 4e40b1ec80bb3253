package io.cellwatch.streams.detect.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.model.CeConvention;
import io.cellwatch.model.CellType;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.TestProtocol;
import org.junit.jupiter.api.Test;

class DetectorProfilesTest {
    private static String profileOf(CellType type, String chemistry) {
        return ProfileSelector.standard()
                .forChannel(new ChannelInfo(
                        1,
                        "ch",
                        type,
                        chemistry,
                        null,
                        null,
                        null,
                        TestProtocol.CYCLING,
                        CeConvention.DISCHARGE_OVER_CHARGE))
                .name();
    }

    @Test
    void theAnodeDecidesForFullCellsAndTheCellTypeForTheRest() {
        assertThat(profileOf(CellType.FULL, "LNO@NCM622|Li6PS5Cl|Li-In")).isEqualTo("lithium-metal");
        assertThat(profileOf(CellType.FULL, "LFP|QCPE@P-DOL|Li")).isEqualTo("lithium-metal");
        assertThat(profileOf(CellType.FULL, "NCM811|LLZO|Li metal")).isEqualTo("lithium-metal");
        assertThat(profileOf(CellType.FULL, "LMA@Li|LATP|LMA@Li")).isEqualTo("lithium-metal");
        assertThat(profileOf(CellType.FULL, "NCM523|anode-free")).isEqualTo("anode-free");
        assertThat(profileOf(CellType.FULL, "NCM811|LHCE|Cu")).isEqualTo("anode-free");
        assertThat(profileOf(CellType.FULL, "Cu|LHCE|NCM811"))
                .as("written from the other electrode")
                .isEqualTo("anode-free");
        assertThat(profileOf(CellType.FULL, "Li|Li6PS5Cl|LNO@NCM622")).isEqualTo("lithium-metal");
        assertThat(profileOf(CellType.FULL, "graphite|LP57|NCM622")).isEqualTo("li-ion");
        assertThat(profileOf(CellType.FULL, "NCM622|graphite")).isEqualTo("li-ion");
        assertThat(profileOf(CellType.FULL, "LFP|LiC6"))
                .as("lithiated graphite is Li-ion")
                .isEqualTo("li-ion");
        assertThat(profileOf(CellType.FULL, "NMC|Li4Ti5O12")).isEqualTo("li-ion");
        assertThat(profileOf(CellType.FULL, null)).isEqualTo("li-ion");
        assertThat(profileOf(CellType.HALF, "Si|Li")).isEqualTo("half-cell");
        assertThat(profileOf(CellType.SYMMETRIC, "Li|QCPE|Li")).isEqualTo("symmetric");
    }

    @Test
    void profilesDifferWhereTheChemistryDoes() {
        DetectorProfile liIon = DetectorProfile.liIon();
        DetectorProfile lithiumMetal = DetectorProfile.lithiumMetal();
        DetectorProfile half = DetectorProfile.halfCell();
        assertThat(lithiumMetal.ceFluctuation().minBand())
                .isGreaterThan(liIon.ceFluctuation().minBand());
        assertThat(lithiumMetal.capacityFade().maxFadePerCycle())
                .isGreaterThan(liIon.capacityFade().maxFadePerCycle());
        assertThat(half.ceFluctuation().floor())
                .isLessThan(liIon.ceFluctuation().floor());
        assertThat(liIon.capacityDivergence()).isEqualTo(lithiumMetal.capacityDivergence());
    }
}
