package io.cellwatch.ingest.format.neware;

import io.cellwatch.testing.RealData;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The Neware files of the shared real data ({@code binary/NewareNDA}, {@code binary/fastnda},
 * {@code binary/cellpy}) and their peers' reference frames, whichever of them are present. Zipped
 * {@code .nda} files are read through {@link ZipFile} into a temporary folder, never into the project.
 */
public final class RealNewareFiles {
    /** Which peer made the reference. */
    public enum Peer {
        NEWARE_NDA,
        BTSDA
    }

    /** A file to read (possibly inside a zip) with its reference frame (null: none). */
    public record Case(String name, Path input, Path reference, Peer peer) {
        /** The file itself, unzipped into {@code scratch} when it is stored zipped. */
        public Path materialise(Path scratch) throws IOException {
            String n = input.getFileName().toString();
            if (!n.toLowerCase(Locale.ROOT).endsWith(".zip")) {
                return input;
            }
            String member = n.substring(0, n.length() - ".zip".length());
            Path out = scratch.resolve(member);
            if (!Files.exists(out)) {
                try (ZipFile zip = new ZipFile(input.toFile())) {
                    ZipEntry entry = zip.getEntry(member);
                    try (InputStream in = zip.getInputStream(entry)) {
                        Files.copy(in, out);
                    }
                }
            }
            return out;
        }

        @Override
        public String toString() {
            return name + " (" + peer + ")";
        }
    }

    private RealNewareFiles() {}

    public static Path binaryRoot() {
        return RealData.root().resolve("binary");
    }

    /** Every file with a reference frame that is present, NewareNDA's frames first. */
    public static List<Case> withReferences() {
        Path root = binaryRoot();
        List<Case> cases = new ArrayList<>();
        Path newareNda = root.resolve("NewareNDA");
        Path fastnda = root.resolve("fastnda");
        for (Path ref : list(newareNda.resolve("reference"), ".ftr.csv.gz")) {
            String stem = strip(ref.getFileName().toString(), ".ftr.csv.gz");
            Path input = firstExisting(
                    newareNda.resolve(stem + ".nda"),
                    newareNda.resolve(stem + ".ndax"),
                    fastnda.resolve(stem + ".nda.zip")); // SIM.nda is kept zipped among fastnda's files
            if (input != null) {
                cases.add(new Case(stem, input, ref, Peer.NEWARE_NDA));
            }
        }
        for (Path ref : list(fastnda, ".parquet.csv.gz")) {
            String stem = strip(ref.getFileName().toString(), ".parquet.csv.gz");
            Path input = firstExisting(fastnda.resolve(stem + ".nda.zip"), fastnda.resolve(stem + ".ndax"));
            if (input != null) {
                cases.add(new Case(stem, input, ref, Peer.BTSDA));
            }
        }
        return cases;
    }

    /** Every Neware file present, each once, whether or not it has a reference. */
    public static List<Case> all() {
        Path root = binaryRoot();
        List<Case> cases = new ArrayList<>();
        for (String folder : List.of("NewareNDA", "fastnda", "cellpy")) {
            for (Path p : list(root.resolve(folder), "")) {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                if (n.endsWith(".nda") || n.endsWith(".ndax") || n.endsWith(".nda.zip")) {
                    cases.add(new Case(folder + "/" + p.getFileName(), p, null, null));
                }
            }
        }
        return cases;
    }

    private static List<Path> list(Path folder, String suffix) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path firstExisting(Path... candidates) {
        for (Path p : candidates) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private static String strip(String name, String suffix) {
        return name.substring(0, name.length() - suffix.length());
    }
}
