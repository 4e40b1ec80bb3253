package io.cellwatch.streams.detect.imminent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class UsualChargeTest {
    private final ImminentShortSettings settings = ImminentShortSettings.defaults();

    /** Three charges of 1 Ah climbing 0.8 V at 0.5 A in a 25 °C chamber, logged every few seconds. */
    private UsualCharge learnt() {
        UsualCharge usual = new UsualCharge();
        for (int i = 0; i < 3; i++) {
            usual.learn(new UsualCharge.Charge(1.0, 0.8, 0.5, 25.0, 0.001), settings);
        }
        assertThat(usual.established).isTrue();
        return usual;
    }

    @Test
    void aChargeInAnotherChamberTemperatureIsNotComparedWithTheUsualOne() {
        UsualCharge usual = learnt();

        assertThat(usual.comparable(0.5, 26.0, settings))
                .as("the chamber's own ±1 K")
                .isTrue();
        assertThat(usual.comparable(0.5, 45.0, settings))
                .as("a 20 K warmer chamber")
                .isFalse();
        assertThat(usual.comparable(0.5, Double.NaN, settings))
                .as("no temperature logged")
                .isTrue();
    }

    @Test
    void aChargeOffByLessThanOneRowsChargeIsANormalChargeNotAnotherProtocol() {
        // Rows a quarter of the charge apart: where the charge's start falls between two rows moves the
        // counted charge by up to a quarter, so 0.8 Ah is the usual charge seen through sparse rows.
        UsualCharge sparse = learnt();
        sparse.learn(new UsualCharge.Charge(0.8, 0.7, 0.5, 25.0, 0.25), settings);
        assertThat(sparse.chargeAh).isCloseTo(1.0 + settings.usualAlpha() * (0.8 - 1.0), within(1e-9));
        assertThat(sparse.otherRun).isZero();

        // Logged every few seconds, 0.8 Ah is another level: it does not move the usual charge.
        UsualCharge dense = learnt();
        dense.learn(new UsualCharge.Charge(0.8, 0.7, 0.5, 25.0, 0.001), settings);
        assertThat(dense.chargeAh).isEqualTo(1.0);
        assertThat(dense.otherRun).isEqualTo(1);
    }

    @Test
    void chargesAtANewChamberTemperatureBecomeTheUsualAfterAsManyAsANewProtocol() {
        UsualCharge usual = learnt();
        for (int i = 0; i < settings.relearnAfter(); i++) {
            usual.learn(new UsualCharge.Charge(1.2, 0.8, 0.5, 45.0, 0.001), settings);
        }
        assertThat(usual.chargeAh).isCloseTo(1.2, within(1e-9));
        assertThat(usual.comparable(0.5, 45.0, settings)).isTrue();
        assertThat(usual.comparable(0.5, 25.0, settings)).isFalse();
    }

    @Test
    void onAFadingCellTheUsualSizeIsKnownOnlyToItsLagBehindTheLatestNormalCharge() {
        UsualCharge usual = learnt();
        assertThat(usual.sizeUncertaintyAh()).isZero();
        // Fading 0.45 % a charge: the weighted mean follows (1 − α)/α = 4 charges' fade behind the cell.
        double chargeAh = 1.0;
        for (int i = 0; i < 40; i++) {
            chargeAh *= 1 - 0.0045;
            assertThat(usual.learn(new UsualCharge.Charge(chargeAh, 0.8, 0.5, 25.0, 0.001), settings))
                    .isTrue();
        }
        assertThat(usual.chargeAh - chargeAh).isCloseTo(4 * 0.0045 * chargeAh, within(0.1 * 4 * 0.0045 * chargeAh));
        assertThat(usual.sizeUncertaintyAh()).isCloseTo(usual.chargeAh - chargeAh, within(1e-12));
        // A leaking charge, not taken as a usual one, leaves it as it was.
        double before = usual.sizeUncertaintyAh();
        assertThat(usual.learn(new UsualCharge.Charge(1.6, 0.8, 0.5, 25.0, 0.001), settings))
                .isFalse();
        assertThat(usual.sizeUncertaintyAh()).isEqualTo(before);
    }
}
