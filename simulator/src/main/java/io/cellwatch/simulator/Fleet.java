package io.cellwatch.simulator;

import io.cellwatch.model.CeConvention;
import io.cellwatch.model.CellType;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.TestProtocol;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Turns scenarios into channels: ids, cell parameters and the numbers from the domain guide.
 * Every random parameter comes from the channel's own generator, seeded by the configuration's
 * seed and the channel's position, so a channel does not change when others are added after it.
 */
final class Fleet {
    private Fleet() {}

    /** The failure scenarios of the default fleet, in channel order. */
    static final List<Scenario> DEFAULT_FAILURES = List.of(
            Scenario.LI_IN_SOFT_SHORT,
            Scenario.LI_METAL_SOFT_SHORT,
            Scenario.CE_FLUCTUATION_SOFT_SHORT,
            Scenario.SYMMETRIC_DRIFT_SHORT,
            Scenario.CCD_STEP_UP);

    /**
     * The default fleet: one channel of each failure scenario (as many as fit), then healthy
     * channels, about 60 % NCM, 25 % LFP and 15 % symmetric.
     */
    static List<Scenario> defaultScenarios(SimulatorConfig config) {
        List<Scenario> out = new ArrayList<>(config.channels());
        if (config.includeFailureScenarios()) {
            out.addAll(DEFAULT_FAILURES.subList(0, Math.min(config.channels(), DEFAULT_FAILURES.size())));
        }
        int healthy = config.channels() - out.size();
        int lfp = (int) Math.round(healthy * 0.25);
        int symmetric = (int) Math.round(healthy * 0.15);
        int ncm = healthy - lfp - symmetric;
        // Interleave so that any prefix of the healthy block has the same mix.
        double nNcm = 0;
        double nLfp = 0;
        double nSym = 0;
        for (int i = 0; i < healthy; i++) {
            double wantNcm = (i + 1.0) * ncm / healthy - nNcm;
            double wantLfp = (i + 1.0) * lfp / healthy - nLfp;
            double wantSym = (i + 1.0) * symmetric / healthy - nSym;
            if (wantNcm >= wantLfp && wantNcm >= wantSym) {
                out.add(Scenario.HEALTHY_NCM);
                nNcm++;
            } else if (wantLfp >= wantSym) {
                out.add(Scenario.HEALTHY_LFP);
                nLfp++;
            } else {
                out.add(Scenario.HEALTHY_SYMMETRIC);
                nSym++;
            }
        }
        return out;
    }

    /** File-name-safe, readable channel ids, numbered per scenario in order of appearance. */
    static List<String> channelIds(List<Scenario> scenarios) {
        Map<Scenario, Integer> totals = new EnumMap<>(Scenario.class);
        for (Scenario s : scenarios) {
            totals.merge(s, 1, Integer::sum);
        }
        Map<Scenario, Integer> seen = new EnumMap<>(Scenario.class);
        List<String> ids = new ArrayList<>(scenarios.size());
        for (Scenario s : scenarios) {
            int n = seen.merge(s, 1, Integer::sum);
            int width = Math.max(
                    s.isHealthy() ? 3 : 2, Integer.toString(totals.get(s)).length());
            ids.add(idPrefix(s) + String.format("%0" + width + "d", n));
        }
        return ids;
    }

    private static String idPrefix(Scenario s) {
        return switch (s) {
            case HEALTHY_NCM -> "sim-ncm-";
            case HEALTHY_LFP -> "sim-lfp-";
            case HEALTHY_SYMMETRIC -> "sim-sym-";
            case LI_IN_SOFT_SHORT -> "sim-li-in-short-";
            case LI_METAL_SOFT_SHORT -> "sim-li-metal-short-";
            case CE_FLUCTUATION_SOFT_SHORT -> "sim-ce-fluct-short-";
            case SYMMETRIC_DRIFT_SHORT -> "sim-sym-drift-short-";
            case CCD_STEP_UP -> "sim-ccd-short-";
            case CCD_STEP_UP_NO_SHORT -> "sim-ccd-no-short-";
        };
    }

    /** The channel's generator: seed and position, mixed so neighbouring channels are unrelated. */
    static SplittableRandom channelRandom(long seed, int number) {
        long z = seed * 0x9E3779B97F4A7C15L + (number + 1) * 0xD1B54A32D192ED03L;
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return new SplittableRandom(z ^ (z >>> 33));
    }

    /** A new, not yet started channel; the same arguments always give the same channel. */
    static ChannelSim newChannel(Scenario scenario, int number, String channelId, SimulatorConfig config) {
        SplittableRandom base = channelRandom(config.seed(), number);
        SplittableRandom params = base.split();
        SplittableRandom plan = base.split();
        SplittableRandom noise = base.split();
        double dt = config.sampleIntervalS();
        long epoch = config.startEpochMs();
        return switch (scenario) {
            case HEALTHY_NCM, HEALTHY_LFP, LI_IN_SOFT_SHORT, LI_METAL_SOFT_SHORT, CE_FLUCTUATION_SOFT_SHORT -> {
                FullCellSpec spec = ScenarioCells.fullCell(scenario, params);
                yield new FullCellChannel(
                        number,
                        fullCellInfo(channelId, spec),
                        spec,
                        plan,
                        noise,
                        dt,
                        epoch,
                        JoinedTestTime.before(spec));
            }
            case HEALTHY_SYMMETRIC, SYMMETRIC_DRIFT_SHORT, CCD_STEP_UP, CCD_STEP_UP_NO_SHORT -> {
                SymmetricSpec spec = ScenarioCells.symmetric(scenario, params);
                ChannelInfo info = new ChannelInfo(
                        ChannelInfo.SCHEMA_VERSION,
                        channelId,
                        CellType.SYMMETRIC,
                        spec.chemistry,
                        spec.areaCm2,
                        null,
                        null,
                        spec.protocol,
                        CeConvention.DISCHARGE_OVER_CHARGE);
                yield new SymmetricCellChannel(number, info, spec, noise, dt, epoch);
            }
        };
    }

    private static ChannelInfo fullCellInfo(String channelId, FullCellSpec spec) {
        return new ChannelInfo(
                ChannelInfo.SCHEMA_VERSION,
                channelId,
                CellType.FULL,
                spec.chemistry,
                spec.areaCm2,
                spec.activeMassG,
                spec.nominalAh,
                TestProtocol.CYCLING,
                CeConvention.DISCHARGE_OVER_CHARGE);
    }
}
