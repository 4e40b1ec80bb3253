package io.cellwatch.ingest.format.biologic.mpr;

import io.cellwatch.ingest.format.binary.BinaryFormatException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The modules after the data module (LOG, loop, sometimes external-device settings), which EC-Lab
 * appends when the acquisition stops. Read once they are all in the file; damage among them is kept
 * to be thrown after the rows have been delivered, since the rows come before it.
 */
final class TrailingModules {
    private final ModuleFacts facts;
    private boolean complete;
    private Shortfall shortfall;
    private BinaryFormatException damage;

    TrailingModules(ModuleFacts facts) {
        this.facts = facts;
    }

    /** Reads the modules from {@code at} to the end of the file, unless done on an earlier poll. */
    void readFrom(FileBytes bytes, long at) throws IOException {
        if (complete || damage != null) {
            return;
        }
        try {
            shortfall = walk(bytes, at);
            complete = shortfall == null;
        } catch (BinaryFormatException e) {
            damage = e;
        }
    }

    private Shortfall walk(FileBytes bytes, long from) throws IOException {
        ModuleWalk walk = ModuleWalk.from(bytes, from, facts);
        if (walk.data() != null) {
            throw new BinaryFormatException(
                    bytes.file(),
                    "module header",
                    walk.data().headerOffset(),
                    "one data module per file",
                    "a second data module");
        }
        return walk.shortfall();
    }

    /** Throws the damage found among these modules, if any. */
    void throwDamage() throws BinaryFormatException {
        if (damage != null) {
            throw damage;
        }
    }

    /** For a file read as finished: the modules after the data must be whole and readable. */
    void requireComplete(Path file) throws BinaryFormatException {
        throwDamage();
        if (shortfall != null) {
            throw shortfall.toException(file);
        }
    }
}
