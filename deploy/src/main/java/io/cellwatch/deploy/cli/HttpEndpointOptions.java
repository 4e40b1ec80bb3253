package io.cellwatch.deploy.cli;

import picocli.CommandLine.Option;

/**
 * Where the monitoring topology serves {@code /metrics}, {@code /health}, the query API and the live page;
 * {@code streams} and {@code demo} take it alike, so their help and defaults cannot drift apart.
 */
public final class HttpEndpointOptions {
    @Option(
            names = "--http-port",
            defaultValue = "8080",
            paramLabel = "PORT",
            description =
                    "Port of /metrics, /health, the query API /api/... and the live page / (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--http-host",
            defaultValue = "0.0.0.0",
            paramLabel = "HOST",
            description = "Address the HTTP endpoint (--http-port) binds to (default: ${DEFAULT-VALUE}).")
    String host;
}
