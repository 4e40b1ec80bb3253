package io.cellwatch.deploy.cli;

import io.cellwatch.model.ChannelInfo;
import io.cellwatch.streams.detect.profile.ConfiguredProfiles;
import io.cellwatch.streams.detect.profile.EffectiveSettings;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Prints the settings a channel's detectors use and where each came from. */
@Command(
        name = "detection-config",
        mixinStandardHelpOptions = true,
        header = "Shows a channel's effective detection settings and where each came from.",
        description = {
            "Works out a channel's detection settings as every cellwatch instance does: the standard profile its",
            "cell type and chemistry select (li-ion, lithium-metal, half-cell, symmetric), then every rule of",
            "--detection-config FILE that matches it, in file order, later rules over earlier ones. Prints every",
            "setting with its value and its origin: the default of the profile, or FILE:LINE and the rule.",
            "",
            "The file (YAML):",
            "  rules:",
            "    - name: li-in-cells              # named in alerts' profile (lithium-metal+li-in-cells)",
            "      match:                         # all given must hold; left out = any channel",
            "        cellType: full               # full, half or symmetric",
            "        chemistry: \"*Li-In\"          # globs (* and ?), case-insensitive",
            "        group: rack-3",
            "        channel: \"sim-li-in-*\"",
            "      settings:                      # any setting printed by this command",
            "        capacityDivergence: {minRelativeChange: 0.02}",
            "        dataQuality: {stalledAfterS: 3600}"
        })
public final class DetectionConfigCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DetectionConfigOptions detectionConfig;

    @Option(names = "--channel", required = true, paramLabel = "ID", description = "The channel id.")
    String channelId;

    @Mixin
    CellOptions cell;

    @Override
    public Integer call() {
        ChannelInfo channel = channel();
        EffectiveSettings settings = new ConfiguredProfiles(detectionConfig.load()).settingsFor(channel);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
                Locale.ROOT,
                "channel %s (%s%s%s): profile %s%n",
                channel.channelId(),
                channel.cellType().name().toLowerCase(Locale.ROOT),
                channel.chemistry() == null ? "" : ", " + channel.chemistry(),
                channel.group() == null ? "" : ", group " + channel.group(),
                settings.profile().name());
        out.println(
                settings.rules().isEmpty()
                        ? "no rule matches: the standard profile's defaults"
                        : "rules applied, in order: " + String.join(", ", settings.rules()));
        List<EffectiveSettings.Setting> all = settings.settings();
        int width = all.stream().mapToInt(s -> s.path().length()).max().orElse(0);
        for (EffectiveSettings.Setting setting : all) {
            out.printf(
                    Locale.ROOT, "  %-" + width + "s  %-10s  %s%n", setting.path(), setting.value(), setting.origin());
        }
        out.flush();
        return 0;
    }

    private ChannelInfo channel() {
        try {
            return cell.overrides(null, null, null).applyTo(ChannelInfo.defaultsFor(channelId));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
