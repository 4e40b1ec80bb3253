package io.cellwatch.deploy.cli;

import io.cellwatch.streams.http.HttpApi;
import io.cellwatch.streams.http.WebConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Who may reach a command's HTTP endpoint: {@code --web-config}, as every Prometheus exporter takes it. */
public final class WebOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(
            names = "--web-config",
            paramLabel = "FILE",
            description = {
                "TLS and basic authentication for every HTTP route (/metrics, /health, /api, pages), in the format of",
                "Prometheus' exporter toolkit: tls_server_config (cert_file, key_file, client_auth_type, client_ca_file,",
                "min_version) and basic_auth_users (user: bcrypt hash). Default: plain HTTP, open to any caller."
            })
    Path webConfig;

    @Option(
            names = "--health-port",
            defaultValue = "-1",
            paramLabel = "PORT",
            description = {
                "Also answer /health, and only it, on this port: plain HTTP without credentials, for Kubernetes probes",
                "and load balancers where --web-config asks for a password or a client certificate (default: off)."
            })
    int healthPort;

    /**
     * Starts the {@code /health}-only listener when {@code --health-port} asks for one, on {@code host};
     * null otherwise.
     */
    public HttpApi startHealthPort(String host, BooleanSupplier healthy) throws IOException {
        return healthPort < 0 ? null : HttpApi.healthOnly(host, healthPort, healthy);
    }

    /** The web config, or {@link WebConfig#NONE}; a wrong file stops the command before anything starts. */
    public WebConfig config() {
        if (webConfig == null) {
            return WebConfig.NONE;
        }
        try {
            return WebConfig.read(webConfig);
        } catch (IOException | IllegalArgumentException e) {
            throw new ParameterException(mixee.commandLine(), "--web-config: " + e.getMessage());
        }
    }
}
