package io.cellwatch.streams.detect;

import io.cellwatch.model.CellType;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.streams.detect.profile.ProfileSelector;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The part every channel detector shares whatever it judges: its name, its state (class and a fresh
 * one per channel), the cell types it runs on, and the profiles its thresholds come from. A detector
 * extends this and implements {@link CycleDetector} or {@link SampleDetector}, so only its judgement
 * is written in its own class.
 *
 * @param <S> the per-channel state, serializable by the state-store codec (plain fields)
 */
public abstract class ProfiledDetector<S> implements ChannelDetector<S> {

    /** Cells with a capacity to speak of: full and half cells (capacity, CE, charge-step detectors). */
    protected static final Set<CellType> FULL_AND_HALF = Set.of(CellType.FULL, CellType.HALF);

    /** Li | electrolyte | Li cells only (overpotential and current-density detectors). */
    protected static final Set<CellType> SYMMETRIC = Set.of(CellType.SYMMETRIC);

    /** Where each channel's thresholds come from. */
    protected final ProfileSelector profiles;

    private final String name;
    private final Class<S> stateType;
    private final Supplier<S> newState;
    private final Set<CellType> cellTypes;

    protected ProfiledDetector(
            String name, Class<S> stateType, Supplier<S> newState, Set<CellType> cellTypes, ProfileSelector profiles) {
        this.name = name;
        this.stateType = stateType;
        this.newState = newState;
        this.cellTypes = Set.copyOf(cellTypes);
        this.profiles = profiles;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Class<S> stateType() {
        return stateType;
    }

    @Override
    public final S newState(ChannelInfo channel) {
        return newState.get();
    }

    /** Whether the channel's cell is of a type this detector judges; a detector may narrow it further. */
    @Override
    public boolean appliesTo(ChannelInfo channel) {
        return cellTypes.contains(channel.cellType());
    }
}
