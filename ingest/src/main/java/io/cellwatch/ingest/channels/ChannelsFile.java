package io.cellwatch.ingest.channels;

import io.cellwatch.ingest.format.text.Delimited;
import io.cellwatch.ingest.format.text.Header;
import io.cellwatch.ingest.format.text.Header.Column;
import io.cellwatch.ingest.format.text.LineAssembler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * A lab's list of which export file is which channel and what cell it holds, as CSV (easy to keep
 * in a spreadsheet). Only {@code file} is required; an absent column or an empty cell says nothing.
 * Lines starting with {@code #} are comments.
 *
 * <pre>
 * file,channel,cell_type,ce_convention,area_cm2,mass_g,nominal_ah,chemistry,protocol,group
 * neware_uio.csv,si-half-07,half,anode,1.13,0.0021,,Si|Li,cycling,
 * ch1?.mpt,,symmetric,,0.785,,,Li|LLZO|Li,step-up,llzo-batch-4
 * </pre>
 *
 * {@code file} is a file name or a glob ({@code *}, {@code ?}, {@code [..]}) matched against the
 * file name, or against the whole path when it contains a {@code /}. The first matching row wins.
 */
public final class ChannelsFile {

    /** One row: which files, which channel id (null: the file name's stem), which metadata. */
    public record Rule(
            String pattern,
            PathMatcher matcher,
            boolean matchesPath,
            String channelId,
            ChannelOverrides overrides,
            long line) {
        boolean matches(Path file) {
            Path candidate = matchesPath ? file.toAbsolutePath().normalize() : file.getFileName();
            return candidate != null && matcher.matches(candidate);
        }
    }

    private ChannelsFile() {}

    /**
     * Reads a channels file.
     *
     * @throws IOException naming file, line and column of the first thing wrong in it
     */
    public static List<Rule> read(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            LineAssembler assembler = new LineAssembler(0);
            byte[] buffer = new byte[8192];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                assembler.feed(buffer, 0, n, (line, end) -> lines.add(line));
            }
            if (assembler.hasPartialLine()) {
                lines.add(assembler.takePartialLine());
            }
        }
        Delimited csv = new Delimited(',');
        Header header = null;
        List<Rule> rules = new ArrayList<>();
        Column fileColumn = null;
        Column channel = null;
        Column cellType = null;
        Column ce = null;
        Column area = null;
        Column mass = null;
        Column nominal = null;
        Column chemistry = null;
        Column protocol = null;
        Column group = null;
        for (int i = 0; i < lines.size(); i++) {
            long lineNumber = i + 1L;
            String line = lines.get(i);
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            String[] cells = csv.split(line);
            if (header == null) {
                header = new Header(cells, Header.UnitStyle.PARENTHESES);
                fileColumn = header.find("file");
                if (fileColumn == null) {
                    throw new IOException(file + ":" + lineNumber + ": the header has no 'file' column");
                }
                channel = header.find("channel", "channel_id");
                cellType = header.find("cell_type");
                ce = header.find("ce_convention");
                area = header.find("area_cm2", "electrode_area_cm2");
                mass = header.find("mass_g", "active_mass_g");
                nominal = header.find("nominal_ah", "nominal_capacity_ah");
                chemistry = header.find("chemistry");
                protocol = header.find("protocol");
                group = header.find("group", "replicate_group");
                continue;
            }
            Row row = new Row(file, lineNumber, cells);
            String pattern = row.text(fileColumn);
            if (pattern == null) {
                throw row.error(fileColumn, "missing");
            }
            PathMatcher matcher;
            try {
                matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
            } catch (IllegalArgumentException e) {
                throw row.error(fileColumn, "not a file name or glob: " + e.getMessage());
            }
            ChannelOverrides overrides;
            try {
                overrides = new ChannelOverrides(
                        row.parse(cellType, ChannelOverrides::cellType),
                        row.text(chemistry),
                        row.parse(area, t -> ChannelOverrides.positive(t, "area_cm2")),
                        row.parse(mass, t -> ChannelOverrides.positive(t, "mass_g")),
                        row.parse(nominal, t -> ChannelOverrides.positive(t, "nominal_ah")),
                        row.parse(protocol, ChannelOverrides::protocol),
                        row.parse(ce, ChannelOverrides::ceConvention),
                        row.text(group));
            } catch (RowError e) {
                throw e.exception;
            }
            rules.add(new Rule(pattern, matcher, pattern.contains("/"), row.text(channel), overrides, lineNumber));
        }
        if (header == null) {
            throw new IOException(file + ": empty channels file (expected a header with a 'file' column)");
        }
        return rules;
    }

    private static final class RowError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient IOException exception;

        RowError(IOException exception) {
            super(exception.getMessage(), null, false, false);
            this.exception = exception;
        }
    }

    private record Row(Path file, long line, String[] cells) {
        String text(Column c) {
            if (c == null || c.index() >= cells.length || cells[c.index()].isEmpty()) {
                return null;
            }
            return cells[c.index()];
        }

        <T> T parse(Column c, java.util.function.Function<String, T> parser) {
            String t = text(c);
            if (t == null) {
                return null;
            }
            try {
                return parser.apply(t);
            } catch (IllegalArgumentException e) {
                throw new RowError(error(c, e.getMessage()));
            }
        }

        IOException error(Column c, String reason) {
            return new IOException(file + ":" + line + ": field '" + c.name() + "': " + reason);
        }
    }
}
