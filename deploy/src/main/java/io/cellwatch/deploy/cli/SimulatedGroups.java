package io.cellwatch.deploy.cli;

import io.cellwatch.model.ChannelInfo;
import java.util.Locale;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * {@code --group NAME} for simulated channels ({@code demo}, {@code ingest --simulate}): the
 * simulator's cells of one kind (cell type and chemistry: built alike, run on one protocol) form a
 * replicate group {@code NAME:TYPE:CHEMISTRY}, so healthy siblings keep each other company and a
 * failing one leaves its group. Cells of different kinds are never compared.
 */
final class SimulatedGroups {
    private SimulatedGroups() {}

    /** The metadata transform, or identity without {@code --group}. */
    static UnaryOperator<ChannelInfo> named(String group) {
        if (group == null || group.isBlank()) {
            return UnaryOperator.identity();
        }
        return info -> info.withGroup(group.strip()
                + ":" + info.cellType().name().toLowerCase(Locale.ROOT)
                + ":" + Objects.toString(info.chemistry(), "unknown"));
    }
}
