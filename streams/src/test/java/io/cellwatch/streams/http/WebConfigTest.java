package io.cellwatch.streams.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cellwatch.streams.testing.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exporter-toolkit web config file: what it takes, and a clear refusal of what it does not. */
class WebConfigTest {
    private static final String HASH = "$2y$10$" + "a".repeat(53);

    @TempDir
    Path dir;

    @Test
    void tlsAndUsersAreReadWithPathsRelativeToTheFile() throws Exception {
        TestCertificates certs = TestCertificates.create(dir.resolve("tls"), "RSA");
        Path file = write("tls_server_config:\n  cert_file: tls/server-RSA.crt\n  key_file: tls/server-RSA.key\n"
                + "basic_auth_users:\n  prometheus: " + HASH + "\n");
        WebConfig config = WebConfig.read(file);
        assertThat(config.tls().certFile()).isEqualTo(certs.certFile().toAbsolutePath());
        assertThat(config.tls().minVersion()).isEqualTo("TLSv1.2");
        assertThat(config.tls().requireClientCert()).isFalse();
        assertThat(config.users()).containsOnlyKeys("prometheus");
        assertThat(config.authenticates()).isTrue();
    }

    @Test
    void aKeyWrittenTwiceIsRefusedNotReadAsItsLastValue() throws Exception {
        TestCertificates certs = TestCertificates.create(dir, "RSA");
        String tls = "  cert_file: " + certs.certFile().getFileName() + "\n  key_file: "
                + certs.keyFile().getFileName() + "\n";
        // Read leniently, the second block replaced the first and its client-certificate check with it.
        Path twice = write("tls_server_config:\n" + tls + "  client_auth_type: RequireAndVerifyClientCert\n"
                + "  client_ca_file: " + certs.certFile().getFileName() + "\n"
                + "tls_server_config:\n" + tls);
        assertThatThrownBy(() -> WebConfig.read(twice))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tls_server_config");
    }

    @Test
    void anEmptyFileMeansNoTlsAndNoUsers() throws Exception {
        WebConfig empty = WebConfig.read(write(""));
        assertThat(empty.tls()).isNull();
        assertThat(empty.authenticates()).isFalse();
    }

    @Test
    void whatCellwatchDoesNotImplementIsRefusedNamingTheField() throws Exception {
        assertRefused(
                "tls_server_config:\n  cert_file: a\n  key_file: b\n  cipher_suites: [X]\n",
                "tls_server_config.cipher_suites");
        assertRefused("http_server_config:\n  http2: false\n", "http_server_config");
        assertRefused("basic_auth_user:\n  a: " + HASH + "\n", "basic_auth_user");
        assertRefused(
                "tls_server_config:\n  cert_file: missing.crt\n  key_file: missing.key\n",
                "tls_server_config.cert_file");
        assertRefused("tls_server_config:\n  key_file: x\n", "tls_server_config.cert_file");
    }

    @Test
    void aPasswordThatIsNotABcryptHashIsRefusedWithoutQuotingIt() throws Exception {
        Path file = write("basic_auth_users:\n  prometheus: plain-text-password\n");
        assertThatThrownBy(() -> WebConfig.read(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("basic_auth_users.prometheus")
                .hasMessageNotContaining("plain-text-password");
    }

    @Test
    void clientCertificatesNeedTheirCa() throws Exception {
        TestCertificates certs = TestCertificates.create(dir, "RSA");
        assertRefused(
                "tls_server_config:\n  cert_file: server-RSA.crt\n  key_file: server-RSA.key\n"
                        + "  client_auth_type: RequireAndVerifyClientCert\n",
                "tls_server_config.client_ca_file");
        assertRefused(
                "tls_server_config:\n  cert_file: server-RSA.crt\n  key_file: server-RSA.key\n"
                        + "  client_auth_type: VerifyClientCertIfGiven\n",
                "tls_server_config.client_auth_type");
        // A CA with no policy that checks certificates would check no one: refused, as the exporter toolkit does.
        assertRefused(
                "tls_server_config:\n  cert_file: server-RSA.crt\n  key_file: server-RSA.key\n"
                        + "  client_ca_file: server-RSA.crt\n",
                "tls_server_config.client_ca_file");
        assertRefused(
                "tls_server_config:\n  cert_file: server-RSA.crt\n  key_file: server-RSA.key\n"
                        + "  client_ca_file: server-RSA.crt\n  client_auth_type: NoClientCert\n",
                "tls_server_config.client_ca_file");
        assertThat(certs.certFile()).exists();
    }

    private void assertRefused(String yaml, String field) throws Exception {
        Path file = write(yaml);
        assertThatThrownBy(() -> WebConfig.read(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("'" + field + "'");
    }

    private Path write(String yaml) throws Exception {
        Path file = Files.createTempFile(dir, "web", ".yml");
        Files.writeString(file, yaml);
        return file;
    }
}
