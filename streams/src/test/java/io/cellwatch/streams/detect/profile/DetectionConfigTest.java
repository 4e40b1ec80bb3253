package io.cellwatch.streams.detect.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cellwatch.model.CeConvention;
import io.cellwatch.model.CellType;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.TestProtocol;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DetectionConfigTest {
    private static final ChannelInfo LI_IN = channel("sim-li-in-short-01", CellType.FULL, "NCM622|Li6PS5Cl|Li-In");
    private static final ChannelInfo NCM = channel("rack2-ch07", CellType.FULL, "NCM622|graphite");
    private static final ChannelInfo LILI = channel("sym-03", CellType.SYMMETRIC, "Li|LLZO|Li");

    static ChannelInfo channel(String id, CellType type, String chemistry) {
        return new ChannelInfo(
                1, id, type, chemistry, 1.0, null, null, TestProtocol.CYCLING, CeConvention.DISCHARGE_OVER_CHARGE);
    }

    @Test
    void withoutRulesEveryChannelHasItsStandardProfileAndEverySettingItsDefault() {
        EffectiveSettings settings = DetectionConfig.none().settingsFor(LI_IN);

        assertThat(settings.profile()).isEqualTo(DetectorProfile.lithiumMetal());
        assertThat(settings.settings())
                .isNotEmpty()
                .allSatisfy(s -> assertThat(s.origin()).startsWith("default"));
        assertThat(settings.settings())
                .extracting(EffectiveSettings.Setting::path)
                .contains(
                        "protocolCycles.learnCycles",
                        "capacityDivergence.minRelativeChange",
                        "criticalCurrentDensity.minNoiseV",
                        "dataQuality.stalledAfterS");
    }

    /** Generic binding: every setting of every settings record, found by walking the records, can be set. */
    @Test
    void everySettingOfEverySettingsRecordCanBeSetFromTheFile() {
        List<EffectiveSettings.Setting> all =
                DetectionConfig.none().settingsFor(NCM).settings();
        // Nested settings records (imminentShort.floatCurrent) are nested maps, as a lab writes them.
        Map<String, Object> tree = new java.util.LinkedHashMap<>();
        for (EffectiveSettings.Setting s : all) {
            String[] keys = s.path().split("\\.");
            Map<String, Object> node = tree;
            for (int k = 0; k < keys.length - 1; k++) {
                @SuppressWarnings("unchecked")
                Map<String, Object> child =
                        (Map<String, Object>) node.computeIfAbsent(keys[k], key -> new java.util.LinkedHashMap<>());
                node = child;
            }
            node.put(keys[keys.length - 1], s.value());
        }
        StringBuilder yaml = new StringBuilder("rules:\n  - name: all\n    settings:\n");
        appendYaml(yaml, tree, "      ");

        EffectiveSettings configured =
                DetectionConfig.parse("all.yaml", yaml.toString()).settingsFor(NCM);

        assertThat(configured.settings())
                .hasSize(all.size())
                .allSatisfy(s -> assertThat(s.origin()).matches("all\\.yaml:\\d+ \\(rule all\\)"));
        assertThat(configured.profile().named("li-ion")).isEqualTo(DetectorProfile.liIon());
    }

    private static void appendYaml(StringBuilder yaml, Map<String, Object> node, String indent) {
        node.forEach((key, value) -> {
            yaml.append(indent).append(key).append(':');
            if (value instanceof Map<?, ?> child) {
                yaml.append('\n');
                @SuppressWarnings("unchecked")
                Map<String, Object> map = (Map<String, Object>) child;
                appendYaml(yaml, map, indent + "  ");
            } else {
                yaml.append(' ').append(value).append('\n');
            }
        });
    }

    @Test
    void rulesMatchByCellTypeChemistryAndChannelAndLaterRulesOverrideEarlierOnes() {
        DetectionConfig config = DetectionConfig.parse("lab.yaml", """
                rules:
                  - name: solid-state
                    match: {cellType: full, chemistry: "*li6ps5cl*"}
                    settings:
                      capacityDivergence: {minRelativeChange: 0.02, persistenceCycles: 3}
                  - name: li-in-short
                    match: {channel: "sim-li-in-*"}
                    settings:
                      capacityDivergence:
                        persistenceCycles: 4
                      dataQuality:
                        stalledAfterS: 600
                """);

        EffectiveSettings liIn = config.settingsFor(LI_IN);
        assertThat(liIn.profile().name()).isEqualTo("lithium-metal+solid-state+li-in-short");
        assertThat(liIn.rules()).containsExactly("solid-state", "li-in-short");
        assertThat(liIn.profile().capacityDivergence().minRelativeChange()).isEqualTo(0.02);
        assertThat(liIn.profile().capacityDivergence().persistenceCycles()).isEqualTo(4);
        assertThat(liIn.profile().capacityDivergence().baselineCycles())
                .isEqualTo(DetectorProfile.lithiumMetal().capacityDivergence().baselineCycles());
        assertThat(liIn.dataQuality().stalledAfterS()).isEqualTo(600);
        assertThat(liIn.origins())
                .containsEntry("capacityDivergence.minRelativeChange", "lab.yaml:5 (rule solid-state)")
                .containsEntry("capacityDivergence.persistenceCycles", "lab.yaml:10 (rule li-in-short)")
                .containsEntry("dataQuality.stalledAfterS", "lab.yaml:12 (rule li-in-short)");

        assertThat(config.settingsFor(NCM).profile()).isEqualTo(DetectorProfile.liIon());
        assertThat(config.settingsFor(LILI).rules()).isEmpty();
        assertThat(config.settingsFor(channel("sim-li-in-9", CellType.SYMMETRIC, null))
                        .rules())
                .containsExactly("li-in-short");
    }

    @Test
    void aGroupRuleMatchesTheChannelsOfThatReplicateGroupOnly() {
        DetectionConfig config = DetectionConfig.parse("lab.yaml", """
                rules:
                  - name: rack-3
                    match: {group: "rack-3*"}
                    settings:
                      capacityDivergence: {persistenceCycles: 6}
                """);

        EffectiveSettings grouped = config.settingsFor(NCM.withGroup("Rack-3-ncm"));
        assertThat(grouped.rules()).containsExactly("rack-3");
        assertThat(grouped.profile().capacityDivergence().persistenceCycles()).isEqualTo(6);
        assertThat(config.settingsFor(NCM.withGroup("rack-4")).rules()).isEmpty();
        assertThat(config.settingsFor(NCM).rules()).as("a channel in no group").isEmpty();
    }

    @Test
    void anUnknownSettingNamesFileLineAndKeyAndListsTheKnownOnes() {
        assertThatThrownBy(() -> DetectionConfig.parse("lab.yaml", """
                        rules:
                          - name: typo
                            settings:
                              capacityDivergence:
                                minRelativeChnage: 0.02
                        """))
                .isInstanceOf(DetectionConfigException.class)
                .hasMessageStartingWith("lab.yaml:5: key 'rules[0].settings.capacityDivergence.minRelativeChnage': "
                        + "unknown setting; known here: baselineCycles, baselineAlpha, minRelativeChange");
        assertThatThrownBy(() ->
                        DetectionConfig.parse("lab.yaml", "rules:\n  - settings:\n      capacityDivergense: {}\n"))
                .hasMessageStartingWith(
                        "lab.yaml:3: key 'rules[0].settings.capacityDivergense': unknown group of settings")
                .hasMessageContaining("capacityDivergence")
                .hasMessageContaining("dataQuality");
    }

    @Test
    void aWrongTypeOrAValueTheSettingsRecordRefusesIsAnErrorAtItsLine() {
        assertThatThrownBy(() -> DetectionConfig.parse(
                        "lab.yaml",
                        "rules:\n  - settings:\n      capacityDivergence:\n        persistenceCycles: 2.5\n"))
                .hasMessage("lab.yaml:4: key 'rules[0].settings.capacityDivergence.persistenceCycles': "
                        + "expected a whole number, found '2.5'");
        assertThatThrownBy(() -> DetectionConfig.parse(
                        "lab.yaml", "rules:\n  - settings:\n      dataQuality:\n        stalledAfterS: soon\n"))
                .hasMessage(
                        "lab.yaml:4: key 'rules[0].settings.dataQuality.stalledAfterS': expected a number, found 'soon'");
        assertThatThrownBy(() -> DetectionConfig.parse(
                        "lab.yaml", "rules:\n  - settings:\n      ceFluctuation:\n        window: 40\n"))
                .hasMessage("lab.yaml:4: key 'rules[0].settings.ceFluctuation': window must be 1..31 cycles, was 40");
        assertThatThrownBy(() ->
                        DetectionConfig.parse("lab.yaml", "rules:\n  - match: {cellType: pouch}\n    settings: {}\n"))
                .hasMessage(
                        "lab.yaml:2: key 'rules[0].match.cellType': expected full, half or symmetric, found 'pouch'");
    }

    @Test
    void brokenYamlAndDuplicateKeysAreRefusedWithTheirLine() {
        assertThatThrownBy(() -> DetectionConfig.parse("lab.yaml", "rules:\n  - settings: {a: [1, 2}\n"))
                .isInstanceOf(DetectionConfigException.class)
                .hasMessageStartingWith("lab.yaml:2: not valid YAML");
        assertThatThrownBy(
                        () -> DetectionConfig.parse(
                                "lab.yaml",
                                "rules:\n  - settings:\n      dataQuality:\n        stalledAfterS: 60\n        stalledAfterS: 90\n"))
                .hasMessage("lab.yaml:5: key 'stalledAfterS': appears twice");
        assertThatThrownBy(() -> DetectionConfig.parse("lab.yaml", "rulez: []\n"))
                .hasMessage("lab.yaml:1: key 'rulez': unknown key; known: rules");
    }

    @Test
    void anEmptyFileHasNoRules() {
        assertThat(DetectionConfig.parse("empty.yaml", "").ruleNames()).isEmpty();
        assertThat(DetectionConfig.parse("empty.yaml", "rules:\n").ruleNames()).isEmpty();
    }
}
