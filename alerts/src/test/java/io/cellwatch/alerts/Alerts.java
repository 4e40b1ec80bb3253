package io.cellwatch.alerts;

import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertKind;
import io.cellwatch.model.AlertStatus;
import io.cellwatch.model.Severity;
import java.util.LinkedHashMap;
import java.util.Map;

/** Alert events as the capacity-divergence detector writes them, for tests. */
public final class Alerts {
    /** 2026-11-01T00:00:00Z, the simulated cycler's clock in these tests. */
    public static final long CYCLER_EPOCH_MS = 1_793_491_200_000L;

    private Alerts() {}

    public static Alert firing(String channel, int firstCycle, int cycle, Severity severity) {
        return event(channel, firstCycle, cycle, severity, AlertStatus.FIRING);
    }

    public static Alert resolved(String channel, int firstCycle, int cycle, Severity severity) {
        return event(channel, firstCycle, cycle, severity, AlertStatus.RESOLVED);
    }

    private static Alert event(String channel, int firstCycle, int cycle, Severity severity, AlertStatus status) {
        Map<String, Double> evidence = new LinkedHashMap<>();
        evidence.put("chargeAh", 0.00301 + 0.0001 * (cycle - firstCycle));
        evidence.put("dischargeAh", 0.002554);
        evidence.put("baselineChargeAh", 0.00277);
        evidence.put("coulombicEfficiency", 0.8486);
        return new Alert(
                Alert.SCHEMA_VERSION,
                Alert.episodeId(channel, AlertKind.SOFT_SHORT_CAPACITY_DIVERGENCE, firstCycle),
                channel,
                AlertKind.SOFT_SHORT_CAPACITY_DIVERGENCE,
                severity,
                status,
                cycle,
                cycle * 10_800.0,
                CYCLER_EPOCH_MS + cycle * 10_800_000L,
                (status == AlertStatus.FIRING ? "Soft short suspected" : "Capacity divergence cleared") + " at cycle "
                        + cycle,
                evidence);
    }
}
