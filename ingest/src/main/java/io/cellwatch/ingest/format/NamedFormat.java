package io.cellwatch.ingest.format;

/** The part every format shares: the name users pass to {@code --format} and a line saying what it reads. */
public abstract class NamedFormat implements CyclerFormat {
    private final String name;
    private final String description;

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    protected NamedFormat(String name, String description) {
        this.name = name;
        this.description = description;
    }
}
