package io.cellwatch.ingest.format.biologic.mpr;

import java.io.IOException;

/**
 * Walks the modules of an {@code .mpr} from an offset, handing each to {@link ModuleFacts}, until the
 * data module, the end of the file, or a module the file does not yet hold whole.
 *
 * @param data      the data module where the walk stopped at one, else null
 * @param shortfall where the file ended inside a module, else null
 */
record ModuleWalk(MprModule data, Shortfall shortfall) {

    static ModuleWalk from(FileBytes bytes, long start, ModuleFacts facts) throws IOException {
        long at = start;
        while (at < bytes.size()) {
            MprModule module = ModuleFraming.readModule(bytes, at);
            if (module == null) {
                return new ModuleWalk(null, new Shortfall("module header", at, "a complete module header"));
            }
            if (module.name().equals(ModuleFraming.DATA)) {
                return new ModuleWalk(module, null);
            }
            if (!bytes.has(module.dataOffset(), module.length())) {
                return new ModuleWalk(
                        null,
                        new Shortfall(
                                module.name() + " module",
                                module.dataOffset(),
                                "the " + module.length() + " bytes its header announces"));
            }
            facts.take(module, bytes);
            at = module.end();
        }
        return new ModuleWalk(null, null);
    }
}
