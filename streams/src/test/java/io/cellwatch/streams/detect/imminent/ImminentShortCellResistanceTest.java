package io.cellwatch.streams.detect.imminent;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.Sample;
import io.cellwatch.streams.detect.ReadingSink;
import io.cellwatch.streams.detect.SyntheticFullCell;
import io.cellwatch.streams.detect.profile.ProfileSelector;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The imminent short learns the cell's effective resistance from its usual cycles, as the cycler writes them in
 * either electrode order: the synthetic cell's charge stands 50 mV over its open-circuit voltage at 1C and its
 * discharge 50 mV under, so its resistance is 0.05 V over the 1C current; its constant-voltage tail at the
 * limit adds to the gap, which makes the learnt value an upper bound.
 */
class ImminentShortCellResistanceTest {
    private static final double CAPACITY_AH = 3.0e-3;
    private static final double OHMIC_OHM = 0.05 / CAPACITY_AH;
    private final ImminentShortDetector detector = new ImminentShortDetector(ProfileSelector.standard());
    private final ChannelInfo channel = ChannelInfo.defaultsFor("cell");

    private double learnt(UnaryOperator<Sample> written) {
        SyntheticFullCell cell = new SyntheticFullCell("cell", CAPACITY_AH, 30, 0.001, 3);
        for (int c = 1; c <= 12; c++) {
            cell.cycle(c, 0);
        }
        List<Sample> samples = cell.samples();
        ImminentShortState state = detector.newState(channel);
        for (Sample sample : samples) {
            detector.onSample(state, written.apply(sample), channel, ReadingSink.NONE);
        }
        return state.gap.resistanceOhm();
    }

    @Test
    void healthyCyclesTeachTheCellsResistanceToWithinItsConstantVoltageTail() {
        assertThat(learnt(UnaryOperator.identity())).isBetween(0.9 * OHMIC_OHM, 1.5 * OHMIC_OHM);
    }

    @Test
    void theSameCellWrittenFromTheOtherElectrodeTeachesTheSame() {
        assertThat(learnt(FullCellHardShortDetectorTest::mirrored)).isEqualTo(learnt(UnaryOperator.identity()));
    }
}
