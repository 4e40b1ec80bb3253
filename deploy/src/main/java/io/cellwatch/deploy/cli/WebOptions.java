package io.cellwatch.deploy.cli;

import io.cellwatch.streams.http.WebConfig;
import java.io.IOException;
import java.nio.file.Path;
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
