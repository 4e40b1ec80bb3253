package io.cellwatch.ingest.format;

import io.cellwatch.ingest.format.simcsv.SimCsvFormat;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The formats cellwatch reads, and detection of which one a file is in. */
public final class CyclerFormats {
    /** Lines read from the top of a file to recognise its format. */
    public static final int SNIFF_LINES = 20;

    private static final List<CyclerFormat> ALL = List.of(new SimCsvFormat());

    private CyclerFormats() {
    }

    public static List<CyclerFormat> all() {
        return ALL;
    }

    public static CyclerFormat byName(String name) {
        for (CyclerFormat format : ALL) {
            if (format.name().equalsIgnoreCase(name.trim())) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown format '" + name + "'; known formats: " + names());
    }

    public static String names() {
        return ALL.stream().map(CyclerFormat::name).collect(Collectors.joining(", "));
    }

    /** The format of a file, or an IOException listing every format tried. */
    public static CyclerFormat detect(Path file) throws IOException {
        List<String> head = firstLines(file);
        for (CyclerFormat format : ALL) {
            if (format.recognises(file, head)) {
                return format;
            }
        }
        String tried = ALL.stream().map(f -> f.name() + " (" + f.description() + ")")
                .collect(Collectors.joining("; "));
        throw new IOException(String.format(Locale.ROOT,
                "%s: unrecognised file format. Formats tried: %s. Use --format to force one.", file, tried));
    }

    static List<String> firstLines(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null && lines.size() < SNIFF_LINES; line = in.readLine()) {
                lines.add(line);
            }
        } catch (CharacterCodingException e) {
            // Not UTF-8 (e.g. latin-1 exports): sniff byte-wise instead.
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
                lines.clear();
                for (String line = in.readLine(); line != null && lines.size() < SNIFF_LINES; line = in.readLine()) {
                    lines.add(line);
                }
            }
        }
        return lines;
    }
}
