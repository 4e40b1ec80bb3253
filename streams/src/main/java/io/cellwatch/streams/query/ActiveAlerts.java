package io.cellwatch.streams.query;

import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * The alert episodes firing on one channel, each as its latest event (an escalation replaces the
 * warning of the same episode). Kept per channel in the active-alerts store.
 *
 * @param firing latest firing event of each open episode, in the order the episodes opened
 */
public record ActiveAlerts(List<Alert> firing) {

    public static final ActiveAlerts NONE = new ActiveAlerts(List.of());

    public ActiveAlerts {
        firing = firing == null ? List.of() : List.copyOf(firing);
    }

    /** The set after one more alert event: a firing event opens or updates its episode, a resolved one closes it. */
    public ActiveAlerts apply(Alert event) {
        List<Alert> next = new ArrayList<>(firing.size() + 1);
        boolean replaced = false;
        for (Alert open : firing) {
            if (open.alertId().equals(event.alertId())) {
                if (event.status() == AlertStatus.FIRING) {
                    next.add(event);
                }
                replaced = true;
            } else {
                next.add(open);
            }
        }
        if (!replaced && event.status() == AlertStatus.FIRING) {
            next.add(event);
        }
        return new ActiveAlerts(next);
    }

    public boolean isEmpty() {
        return firing.isEmpty();
    }
}
