package io.cellwatch.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.model.CeConvention;
import io.cellwatch.model.CellType;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.TestProtocol;
import org.junit.jupiter.api.Test;

class SimulatedGroupsTest {
    private static ChannelInfo cell(String id, CellType type, String chemistry) {
        return new ChannelInfo(
                1, id, type, chemistry, null, null, null, TestProtocol.CYCLING, CeConvention.DISCHARGE_OVER_CHARGE);
    }

    @Test
    void cellsOfOneKindShareAGroupAndCellsOfAnotherKindDoNot() {
        var grouped = SimulatedGroups.named(" rack-2 ");
        ChannelInfo a = grouped.apply(cell("sim-lfp-01", CellType.FULL, "LFP|graphite"));
        ChannelInfo b = grouped.apply(cell("sim-lfp-02", CellType.FULL, "LFP|graphite"));
        ChannelInfo sym = grouped.apply(cell("sim-sym-01", CellType.SYMMETRIC, "Li|LLZO|Li"));

        assertThat(a.group()).isEqualTo("rack-2:full:LFP|graphite").isEqualTo(b.group());
        assertThat(sym.group()).isEqualTo("rack-2:symmetric:Li|LLZO|Li");
        assertThat(a.channelId()).isEqualTo("sim-lfp-01");
    }

    @Test
    void withoutTheFlagTheMetadataIsUntouched() {
        ChannelInfo info = cell("sim-lfp-01", CellType.FULL, "LFP|graphite");
        assertThat(SimulatedGroups.named(null).apply(info)).isSameAs(info);
        assertThat(SimulatedGroups.named("  ").apply(info)).isSameAs(info);
    }
}
