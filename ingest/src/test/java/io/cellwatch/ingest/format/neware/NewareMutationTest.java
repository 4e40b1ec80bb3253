package io.cellwatch.ingest.format.neware;

import io.cellwatch.ingest.format.TextFuzzing;
import io.cellwatch.ingest.format.neware.nda.NdaFormat;
import io.cellwatch.ingest.format.neware.ndax.NdaxFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fuzz tests' property ({@link NewareFuzzing#check}) on seeds written at test time (synthetic
 * files of each layout), the small real files present, and copies of every seed cut short and with
 * bytes overwritten, the same copies in every build: records or a typed error, nothing else.
 */
class NewareMutationTest {
    private static final Path NDA = TextFuzzing.scratchFile("mutated.nda");
    private static final Path NDAX = TextFuzzing.scratchFile("mutated.ndax");

    @TempDir
    static Path scratch;

    @Test
    void ndaSeedsAndTheirMutations() throws IOException {
        List<byte[]> seeds = new ArrayList<>(List.of(SyntheticNeware.nda29(6), SyntheticNeware.bts91(6)));
        for (RealNewareFiles.Case c : RealNewareFiles.all()) {
            String name = c.input().getFileName().toString().toLowerCase(Locale.ROOT);
            if ((name.endsWith(".nda") || name.endsWith(".nda.zip")) && Files.size(c.input()) < 20_000) {
                seeds.add(Files.readAllBytes(c.materialise(scratch)));
            }
        }
        seeds = NewareFuzzing.distinct(seeds);
        for (int i = 0; i < seeds.size(); i++) {
            NewareFuzzing.check(new NdaFormat(), NDA, seeds.get(i));
            for (byte[] m : NewareFuzzing.mutations(seeds.get(i), i)) {
                NewareFuzzing.check(new NdaFormat(), NDA, m);
            }
        }
    }

    @Test
    void ndaxSeedsAndTheirMutations() throws IOException {
        List<byte[]> seeds = new ArrayList<>(List.of(SyntheticNeware.ndax14(6, 1), SyntheticNeware.ndax14(6, 4)));
        for (RealNewareFiles.Case c : RealNewareFiles.all()) {
            String name = c.input().getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".ndax") && Files.size(c.input()) < 12_000) {
                seeds.add(Files.readAllBytes(c.materialise(scratch)));
            }
        }
        seeds = NewareFuzzing.distinct(seeds);
        for (int i = 0; i < seeds.size(); i++) {
            NewareFuzzing.check(new NdaxFormat(), NDAX, seeds.get(i));
            for (byte[] m : NewareFuzzing.mutations(seeds.get(i), i)) {
                NewareFuzzing.check(new NdaxFormat(), NDAX, m);
            }
        }
    }
}
