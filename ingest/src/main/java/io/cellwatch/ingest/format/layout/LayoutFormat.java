package io.cellwatch.ingest.format.layout;

import io.cellwatch.ingest.format.NamedFormat;
import io.cellwatch.ingest.format.RowReader;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.text.Header;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

/**
 * A delimited export with its header on the first line that is nothing but a column layout
 * (comma-separated, or semicolon- or tab-separated with decimal commas: {@link Header#delimiterOf}):
 * a name, a test that recognises the header, and the {@link ColumnLayout}. Arbin, Neware's flat
 * CSV and the DOE / Battery Archive time series are this.
 */
public class LayoutFormat extends NamedFormat {
    private final Predicate<Header> recognisedBy;
    private final ColumnLayout layout;

    public LayoutFormat(String name, String description, Predicate<Header> recognisedBy, ColumnLayout layout) {
        super(name, description);
        this.recognisedBy = recognisedBy;
        this.layout = layout;
    }

    @Override
    public boolean recognises(Path file, List<String> firstLines) {
        return Header.ofDelimitedFirstLine(firstLines).map(recognisedBy::test).orElse(false);
    }

    @Override
    public RowReader open(SourceFile source) {
        return new LayoutRowReader(source, layout);
    }
}
