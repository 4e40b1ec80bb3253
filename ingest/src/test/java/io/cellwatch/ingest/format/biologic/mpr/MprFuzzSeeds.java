package io.cellwatch.ingest.format.biologic.mpr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fuzz seed corpus: small synthetic files covering each data-module version and each module,
 * written from the format description (no real data in the repository). Regenerate with
 * {@code java ... MprFuzzSeeds ingest/src/test/resources/io/cellwatch/ingest/format/biologic/mpr/MprFuzzTestInputs/anyBytesGiveRowsOrABinaryFormatException};
 * {@link MprFuzzSeedsTest} checks the committed ones are these.
 */
final class MprFuzzSeeds {
    private MprFuzzSeeds() {}

    static Map<String, byte[]> seeds() {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        seeds.put("gcpl-v3", MprBuilder.threeRecordGcpl().build());
        seeds.put(
                "gcpl-v11-new-headers",
                MprBuilder.threeRecordGcpl().version(11).loops(0, 2).build());
        seeds.put(
                "gcpl-v2-ext-device-no-log",
                MprBuilder.threeRecordGcpl()
                        .version(2)
                        .externalDevice()
                        .log(null)
                        .build());
        seeds.put(
                "gcpl-v0",
                MprBuilder.threeRecordGcpl()
                        .version(0)
                        .columns(1, 2, 3, 21, 31, 65, 131, 4, 7, 13, 5, 6, 39, 211, 212)
                        .build());
        seeds.put(
                "peis-v3",
                new MprBuilder()
                        .technique(29)
                        .columns(32, 37, 38, 36, 35, 4, 77, 76, 169, 172, 24, 39, 33, 34, 131, 13)
                        .record(1e5, 1.5, 0.2, 1.52, 7.5, 5.0, 3.7, 0.001, 1, 2, 1, 13, 0.01, 1e-5, 1, 0)
                        .build());
        seeds.put(
                "growing-no-trailer",
                MprBuilder.concat(
                        MprBuilder.threeRecordGcpl().top(),
                        MprBuilder.threeRecordGcpl().recordBytes(0, 2)));
        return seeds;
    }

    public static void main(String[] args) throws IOException {
        Path dir = Files.createDirectories(Path.of(args[0]));
        for (Map.Entry<String, byte[]> seed : seeds().entrySet()) {
            Files.write(dir.resolve(seed.getKey()), seed.getValue());
        }
    }
}
