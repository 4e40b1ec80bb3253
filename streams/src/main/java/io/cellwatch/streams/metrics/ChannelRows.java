package io.cellwatch.streams.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The channel table: one row of latest values per channel with series on this instance. Stream
 * threads update rows (one lock-free map read in the common case); the scrape reads them in
 * channel order, sorted again only when channels came or went since the last scrape, so each
 * family's series are already in the order the exposition wants.
 */
final class ChannelRows {
    private static final Comparator<ChannelGauges> BY_CHANNEL = Comparator.comparing(row -> row.channelId);

    private final Map<String, ChannelGauges> rows = new ConcurrentHashMap<>();
    /** Grows after every row added or removed; the sorted list below is as of one value of it. */
    private final AtomicLong membership = new AtomicLong();

    private volatile Sorted sorted = new Sorted(-1, List.of());

    private record Sorted(long membership, List<ChannelGauges> rows) {}

    /**
     * Applies {@code update} to the channel's row, adding the row first if needed. A row retired
     * meanwhile is added afresh, so no update is lost to a concurrent retirement.
     *
     * <p>The common case takes the row's own lock, uncontended but for a sweep judging that row: the
     * sweep decides under the same lock, so an update either lands before the judgement (which then
     * sees the channel active) or finds the row retired and adds it afresh. Without it, an update could
     * land between the sweep's reading of the row and its marking it retired, and be removed with it
     * (a quiet channel's new active alert gone from the scrape until its next event).
     */
    void update(String channelId, Consumer<ChannelGauges> update) {
        ChannelGauges existing = rows.get(channelId);
        if (existing != null) {
            synchronized (existing) {
                if (!existing.retired) {
                    update.accept(existing);
                    return;
                }
            }
        }
        boolean[] added = {false};
        rows.compute(channelId, (id, current) -> {
            ChannelGauges live = current;
            if (live == null) {
                live = new ChannelGauges(id);
                added[0] = true;
            }
            update.accept(live);
            return live;
        });
        if (added[0]) {
            membership.incrementAndGet();
        }
    }

    /**
     * Removes the channel's row if {@code retire} holds for it, deciding and removing atomically with
     * respect to updates of that channel.
     *
     * @return whether the row was removed
     */
    boolean retireIf(String channelId, Predicate<ChannelActivity> retire) {
        boolean[] removed = {false};
        rows.computeIfPresent(channelId, (id, row) -> {
            synchronized (row) {
                if (!retire.test(row)) {
                    return row;
                }
                row.retired = true;
            }
            removed[0] = true;
            return null;
        });
        if (removed[0]) {
            membership.incrementAndGet();
        }
        return removed[0];
    }

    boolean contains(String channelId) {
        return rows.containsKey(channelId);
    }

    int size() {
        return rows.size();
    }

    Set<String> channelIds() {
        return Set.copyOf(rows.keySet());
    }

    /** Every row, in channel order (rows retired since the list was made are flagged {@code retired}). */
    List<ChannelGauges> inChannelOrder() {
        long now = membership.get(); // read before the rows: a change landing meanwhile re-sorts next time
        Sorted known = sorted;
        if (known.membership() == now) {
            return known.rows();
        }
        List<ChannelGauges> list = new ArrayList<>(rows.values());
        list.sort(BY_CHANNEL);
        sorted = new Sorted(now, List.copyOf(list));
        return list;
    }
}
