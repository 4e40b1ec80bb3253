package io.cellwatch.streams.detect.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cellwatch.streams.detect.fade.CapacityFadeSettings;
import io.cellwatch.streams.detect.softshort.CeFluctuationSettings;
import org.junit.jupiter.api.Test;

/** A profile's copies replace the one setting they name and keep every other. */
class RecordCopyTest {

    @Test
    void aCopyReplacesOnlyItsOwnSetting() {
        DetectorProfile liIon = DetectorProfile.liIon();
        DetectorProfile copy = liIon.withCeFluctuation(CeFluctuationSettings.halfCell());

        assertThat(copy.ceFluctuation()).isEqualTo(CeFluctuationSettings.halfCell());
        assertThat(copy)
                .usingRecursiveComparison()
                .ignoringFields("ceFluctuation")
                .isEqualTo(liIon);
        assertThat(liIon.ceFluctuation()).isEqualTo(CeFluctuationSettings.liIon());
        assertThat(liIon.named("renamed").name()).isEqualTo("renamed");
    }

    @Test
    void anUnknownComponentOrAValueOfAnotherTypeIsRefused() {
        DetectorProfile liIon = DetectorProfile.liIon();

        assertThatThrownBy(() -> RecordCopy.replaced(liIon, "noSuchSetting", CapacityFadeSettings.liIon()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("noSuchSetting");
        assertThatThrownBy(() -> RecordCopy.replaced(liIon, "ceFluctuation", CapacityFadeSettings.liIon()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ceFluctuation");
    }
}
