package io.cellwatch.deploy.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest (or "development" when run from classes). */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = CellwatchCli.class.getPackage().getImplementationVersion();
        return new String[] {
            "cellwatch " + (version == null ? "development" : version), "Java " + System.getProperty("java.version")
        };
    }
}
