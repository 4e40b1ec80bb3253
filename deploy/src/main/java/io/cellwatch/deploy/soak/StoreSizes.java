package io.cellwatch.deploy.soak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Bytes on disk of each state store under a Kafka Streams state directory, summed over tasks. */
final class StoreSizes {
    private StoreSizes() {}

    /** Store name → bytes; files outside a store's folder (checkpoints, locks) count as {@code other}. */
    static Map<String, Long> of(Path stateDir) throws IOException {
        Map<String, Long> sizes = new TreeMap<>();
        if (!Files.isDirectory(stateDir)) {
            return sizes;
        }
        try (Stream<Path> files = Files.walk(stateDir)) {
            files.filter(Files::isRegularFile).forEach(file -> {
                try {
                    sizes.merge(storeOf(stateDir.relativize(file)), Files.size(file), Long::sum);
                } catch (IOException vanished) {
                    // RocksDB compacts and deletes files while we walk: a vanished file has no size now
                } catch (UncheckedIOException vanished) {
                    // the same, from deeper down
                }
            });
        } catch (UncheckedIOException e) {
            // a folder removed while walked: take what was seen
        }
        return sizes;
    }

    /** The folder after {@code rocksdb} in the path (…/TASK/rocksdb/STORE/…), else "other". */
    private static String storeOf(Path relative) {
        for (int i = 0; i + 1 < relative.getNameCount() - 1; i++) {
            if (relative.getName(i).toString().equals("rocksdb")) {
                return relative.getName(i + 1).toString();
            }
        }
        return "other";
    }
}
