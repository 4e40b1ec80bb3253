package io.cellwatch.streams.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cellwatch.streams.metrics.CellwatchMetrics;
import io.cellwatch.streams.testing.TestCertificates;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.bcrypt.BCrypt;

/** The HTTP endpoint behind a web config: TLS with PEM files, basic auth against bcrypt hashes, on every route. */
class SecuredHttpApiTest {
    @TempDir
    Path dir;

    @Test
    void everyRouteNeedsAUserOverTlsAndTheRightPasswordGetsIn() throws Exception {
        TestCertificates certs = TestCertificates.create(dir, "RSA");
        Path web = writeWebConfig(certs, "prometheus", "s3cret-scrape", "TLS12");
        try (HttpApi api =
                HttpApi.start("127.0.0.1", 0, CellwatchMetrics.prometheusRegistry(), () -> true, WebConfig.read(web))) {
            api.route("/api/", exchange -> HttpApi.respond(exchange, 200, "application/json", "[]"));
            assertThat(api.scheme()).isEqualTo("https");
            HttpClient client = client(certs.trust());
            for (String path : new String[] {"/metrics", "/health", "/api/channels"}) {
                HttpResponse<String> anonymous = get(client, api, path, null);
                assertThat(anonymous.statusCode())
                        .as(path + " without credentials")
                        .isEqualTo(401);
                assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
                        .hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
                assertThat(get(client, api, path, basic("prometheus", "wrong")).statusCode())
                        .as(path + " with a wrong password")
                        .isEqualTo(401);
                assertThat(get(client, api, path, basic("somebody", "s3cret-scrape"))
                                .statusCode())
                        .as(path + " as an unknown user")
                        .isEqualTo(401);
                assertThat(get(client, api, path, basic("prometheus", "s3cret-scrape"))
                                .statusCode())
                        .as(path + " with the right password")
                        .isEqualTo(200);
            }
            assertThat(get(client, api, "/metrics", basic("prometheus", "s3cret-scrape"))
                            .body())
                    .contains("jvm_");
            HttpClient plain = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            assertThatThrownBy(() -> plain.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + "/metrics"))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString()))
                    .as("plain HTTP to the TLS port")
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void aMalformedAuthorizationHeaderIsAnswered401NotDropped() throws Exception {
        TestCertificates certs = TestCertificates.create(dir, "RSA");
        Path web = writeWebConfig(certs, "prometheus", "s3cret-scrape", "TLS12");
        try (HttpApi api =
                HttpApi.start("127.0.0.1", 0, CellwatchMetrics.prometheusRegistry(), () -> true, WebConfig.read(web))) {
            HttpClient client = client(certs.trust());
            String noColon =
                    "Basic " + Base64.getEncoder().encodeToString("prometheus".getBytes(StandardCharsets.UTF_8));
            for (String malformed : new String[] {"Basic not*base64!", noColon}) {
                HttpResponse<String> answer = get(client, api, "/metrics", malformed);
                assertThat(answer.statusCode()).as(malformed).isEqualTo(401);
                assertThat(answer.headers().firstValue("WWW-Authenticate"))
                        .hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
            }
            assertThat(get(client, api, "/metrics", basic("prometheus", "s3cret-scrape"))
                            .statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void aRenewedCertificateIsServedWithoutARestart() throws Exception {
        TestCertificates first = TestCertificates.create(dir, "RSA");
        TestCertificates renewed = TestCertificates.create(dir.resolve("renewed"), "RSA");
        Path web = writeWebConfig(first, "prometheus", "s3cret-scrape", "TLS12");
        try (HttpApi api =
                HttpApi.start("127.0.0.1", 0, CellwatchMetrics.prometheusRegistry(), () -> true, WebConfig.read(web))) {
            assertThat(get(client(first.trust()), api, "/health", basic("prometheus", "s3cret-scrape"))
                            .statusCode())
                    .isEqualTo(200);

            // cert-manager writes the renewed pair over the old one.
            Files.copy(renewed.keyFile(), first.keyFile(), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(renewed.certFile(), first.certFile(), StandardCopyOption.REPLACE_EXISTING);
            FileTime later = FileTime.fromMillis(System.currentTimeMillis() + 10_000);
            Files.setLastModifiedTime(first.keyFile(), later);
            Files.setLastModifiedTime(first.certFile(), later);
            Thread.sleep(FileChangeCheck.CHECK_EVERY_NANOS / 1_000_000 + 200);

            // The first handshake after the change looks at the files; the next is served the new pair.
            servedCertificate(api);
            assertThat(servedCertificate(api))
                    .isEqualTo(PemTls.certificates(renewed.certFile()).get(0).getEncoded());
            assertThat(get(client(renewed.trust()), api, "/health", basic("prometheus", "s3cret-scrape"))
                            .statusCode())
                    .isEqualTo(200);
            // Another instance, renewed alike, still trusts it: the chain a peer trusts is read again too.
            assertThat(get(client(api.peerTls()), api, "/health", basic("prometheus", "s3cret-scrape"))
                            .statusCode())
                    .as("a forwarded query after the renewal")
                    .isEqualTo(200);
        }
    }

    @Test
    void anInstanceAlsoTrustsTheCaBesideItsCertificate() throws Exception {
        // A Kubernetes TLS Secret (cert-manager's): tls.crt without its self-signed CA, ca.crt beside it. Here the
        // "CA" is the other instance's self-signed certificate: trusted through ca.crt alone.
        TestCertificates own = TestCertificates.create(dir, "RSA");
        TestCertificates other = TestCertificates.create(dir.resolve("other"), "RSA");
        Files.copy(other.certFile(), own.certFile().resolveSibling("ca.crt"));
        Path ownWeb = writeWebConfig(own, "prometheus", "pw", "TLS12");
        Path otherWeb = dir.resolve("other").resolve("web.yml");
        Files.writeString(
                otherWeb,
                Files.readString(ownWeb)
                        .replace(
                                own.certFile().getFileName().toString(),
                                other.certFile().getFileName().toString())
                        .replace(
                                own.keyFile().getFileName().toString(),
                                other.keyFile().getFileName().toString()));
        try (HttpApi asking = HttpApi.start(
                        "127.0.0.1", 0, CellwatchMetrics.prometheusRegistry(), () -> true, WebConfig.read(ownWeb));
                HttpApi asked = HttpApi.start(
                        "127.0.0.1", 0, CellwatchMetrics.prometheusRegistry(), () -> true, WebConfig.read(otherWeb))) {
            assertThat(get(client(asking.peerTls()), asked, "/health", basic("prometheus", "pw"))
                            .statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsRefusedAtStart() throws Exception {
        TestCertificates certs = TestCertificates.create(dir, "RSA");
        TestCertificates other = TestCertificates.create(dir.resolve("other"), "RSA");
        Path web = writeWebConfig(certs, "prometheus", "s3cret-scrape", "TLS12");
        Files.copy(other.keyFile(), certs.keyFile(), StandardCopyOption.REPLACE_EXISTING);
        assertThatThrownBy(() -> HttpApi.start(
                        "127.0.0.1", 0, CellwatchMetrics.prometheusRegistry(), () -> true, WebConfig.read(web)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not the key of the certificate");
    }

    @Test
    void anEcKeyServesTlsOneThreeOnly() throws Exception {
        TestCertificates certs = TestCertificates.create(dir, "EC");
        Path web = writeWebConfig(certs, "grafana", "pw", "TLS13");
        try (HttpApi api =
                HttpApi.start("127.0.0.1", 0, CellwatchMetrics.prometheusRegistry(), () -> true, WebConfig.read(web))) {
            HttpResponse<String> ok = get(client(certs.trust()), api, "/health", basic("grafana", "pw"));
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.sslSession())
                    .hasValueSatisfying(s -> assertThat(s.getProtocol()).isEqualTo("TLSv1.3"));
        }
    }

    @Test
    void clientCertificatesAreRequiredAndAnotherInstanceShowsItsOwn() throws Exception {
        TestCertificates certs = TestCertificates.create(dir, "RSA");
        Path web = writeWebConfig(certs, "prometheus", "pw", "TLS12");
        // The instances' certificate is its own CA here; a deployment's client_ca_file holds the CA that signed
        // its instances' certificates (and its scrapers').
        Files.writeString(
                web,
                Files.readString(web)
                        .replace(
                                "  min_version:",
                                "  client_auth_type: RequireAndVerifyClientCert\n  client_ca_file: "
                                        + certs.certFile().getFileName() + "\n  min_version:"));
        try (HttpApi api =
                HttpApi.start("127.0.0.1", 0, CellwatchMetrics.prometheusRegistry(), () -> true, WebConfig.read(web))) {
            assertThatThrownBy(() -> get(client(certs.trust()), api, "/health", basic("prometheus", "pw")))
                    .as("a client without a certificate")
                    .isInstanceOf(IOException.class);
            // What one instance uses to ask another about a channel the other owns (PeerClient).
            HttpClient peer = client(api.peerTls());
            assertThat(get(peer, api, "/health", basic("prometheus", "pw")).statusCode())
                    .as("another instance, with the caller's credentials")
                    .isEqualTo(200);
            assertThat(get(peer, api, "/health", null).statusCode())
                    .as("a client certificate does not stand in for the password")
                    .isEqualTo(401);
        }
    }

    @Test
    void usersChangedInTheWebConfigApplyWithoutARestart() throws Exception {
        TestCertificates certs = TestCertificates.create(dir, "RSA");
        Path web = writeWebConfig(certs, "prometheus", "leaked", "TLS12");
        try (HttpApi api =
                HttpApi.start("127.0.0.1", 0, CellwatchMetrics.prometheusRegistry(), () -> true, WebConfig.read(web))) {
            HttpClient client = client(certs.trust());
            assertThat(get(client, api, "/health", basic("prometheus", "leaked"))
                            .statusCode())
                    .isEqualTo(200);

            // The leaked password is changed and a user added, in the file the endpoint started with.
            String config = Files.readString(web);
            String users = "basic_auth_users:\n"
                    + "  prometheus: " + BCrypt.hashpw("rotated", BCrypt.gensalt(10)) + "\n"
                    + "  grafana: " + BCrypt.hashpw("dashboards", BCrypt.gensalt(10)) + "\n";
            rewrite(web, config.substring(0, config.indexOf("basic_auth_users:")) + users);
            assertThat(get(client, api, "/health", basic("prometheus", "leaked"))
                            .statusCode())
                    .as("the old password, remembered as passed before the change")
                    .isEqualTo(401);
            assertThat(get(client, api, "/health", basic("prometheus", "rotated"))
                            .statusCode())
                    .isEqualTo(200);
            assertThat(get(client, api, "/health", basic("grafana", "dashboards"))
                            .statusCode())
                    .isEqualTo(200);

            // A file that does not read, or that names no user, leaves the users in force.
            rewrite(web, "tls_server_config: [not, a, mapping\n");
            assertThat(get(client, api, "/health", basic("prometheus", "rotated"))
                            .statusCode())
                    .isEqualTo(200);
            rewrite(web, config.substring(0, config.indexOf("basic_auth_users:")));
            assertThat(get(client, api, "/health", null).statusCode())
                    .as("authentication is not turned off without a restart")
                    .isEqualTo(401);
            assertThat(get(client, api, "/health", basic("grafana", "dashboards"))
                            .statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void aChangedClientCaFileIsCheckedAgainstWithoutARestart() throws Exception {
        // EC here: the per-request check names the key's algorithm (RSA is checked by the test above).
        TestCertificates certs = TestCertificates.create(dir, "EC");
        TestCertificates otherCa = TestCertificates.create(dir.resolve("other"), "RSA");
        Path cas = dir.resolve("client-cas.crt");
        Files.copy(otherCa.certFile(), cas);
        Path web = writeWebConfig(certs, "prometheus", "pw", "TLS13");
        Files.writeString(
                web,
                Files.readString(web)
                        .replace(
                                "  min_version:",
                                "  client_auth_type: RequireAndVerifyClientCert\n  client_ca_file: " + cas.getFileName()
                                        + "\n  min_version:"));
        try (HttpApi api =
                HttpApi.start("127.0.0.1", 0, CellwatchMetrics.prometheusRegistry(), () -> true, WebConfig.read(web))) {
            HttpClient peer = client(api.peerTls()); // shows the instance's own certificate
            assertThatThrownBy(() -> get(peer, api, "/health", basic("prometheus", "pw")))
                    .as("a client certificate no CA in the file signed")
                    .isInstanceOf(IOException.class);

            // The operator adds the CA that signed it.
            rewrite(cas, Files.readString(otherCa.certFile()) + Files.readString(certs.certFile()));
            assertThat(get(client(api.peerTls()), api, "/health", basic("prometheus", "pw"))
                            .statusCode())
                    .isEqualTo(200);

            // And takes it out again: refused again, as a revoked CA must be, on a connection kept open or a
            // session resumed from before too (answered 403 there; a new handshake fails).
            HttpClient kept = client(api.peerTls());
            assertThat(get(kept, api, "/health", basic("prometheus", "pw")).statusCode())
                    .isEqualTo(200);
            rewrite(cas, Files.readString(otherCa.certFile()));
            HttpResponse<String> refused = get(kept, api, "/health", basic("prometheus", "pw"));
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).contains("client_ca_file");
        }
    }

    /** Writes {@code text} over {@code file} with a later modification time, and waits out the endpoint's look. */
    private static void rewrite(Path file, String text) throws Exception {
        FileTime before = Files.getLastModifiedTime(file);
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.fromMillis(before.toMillis() + 2_000));
        Thread.sleep(FileChangeCheck.CHECK_EVERY_NANOS / 1_000_000 + 200);
    }

    @Test
    void withoutAWebConfigTheEndpointIsPlainAndOpenAsBefore() throws Exception {
        try (HttpApi api = HttpApi.start("127.0.0.1", 0, CellwatchMetrics.prometheusRegistry(), () -> true)) {
            assertThat(api.scheme()).isEqualTo("http");
            HttpResponse<String> health = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + "/health"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aHandlerThatFailsIsAnsweredAsJsonWithoutAStackTrace() throws Exception {
        try (HttpApi api = HttpApi.start("127.0.0.1", 0, CellwatchMetrics.prometheusRegistry(), () -> true)) {
            api.route("/boom", exchange -> {
                throw new IllegalStateException("secret internals at io.cellwatch.Something");
            });
            HttpResponse<String> answer = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + "/boom"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(500);
            assertThat(answer.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
            assertThat(answer.body())
                    .isEqualTo("{\"status\":500,\"error\":\"internal error\"}")
                    .doesNotContain("io.cellwatch");
        }
    }

    private Path writeWebConfig(TestCertificates certs, String user, String password, String minVersion)
            throws IOException {
        Path web = dir.resolve("web-" + user + ".yml");
        // htpasswd writes $2y$; Spring's BCrypt writes $2a$: the same algorithm, and both must be taken.
        String hash = BCrypt.hashpw(password, BCrypt.gensalt(10)).replaceFirst("^\\$2a\\$", "\\$2y\\$");
        Files.writeString(
                web,
                "tls_server_config:\n"
                        + "  cert_file: " + certs.certFile().getFileName() + "\n"
                        + "  key_file: " + certs.keyFile().getFileName() + "\n"
                        + "  min_version: " + minVersion + "\n"
                        + "basic_auth_users:\n"
                        + "  " + user + ": " + hash + "\n");
        return web;
    }

    /** The certificate a fresh handshake (no session to resume) is shown, whoever signed it. */
    private static byte[] servedCertificate(HttpApi api) throws Exception {
        SSLContext trustAll = SSLContext.getInstance("TLS");
        trustAll.init(
                null,
                new TrustManager[] {
                    new X509TrustManager() {
                        @Override
                        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

                        @Override
                        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

                        @Override
                        public X509Certificate[] getAcceptedIssuers() {
                            return new X509Certificate[0];
                        }
                    }
                },
                null);
        try (SSLSocket socket = (SSLSocket) trustAll.getSocketFactory().createSocket("127.0.0.1", api.port())) {
            socket.startHandshake();
            return socket.getSession().getPeerCertificates()[0].getEncoded();
        }
    }

    private static HttpClient client(SSLContext trust) {
        return HttpClient.newBuilder()
                .sslContext(trust)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    private static HttpResponse<String> get(HttpClient client, HttpApi api, String path, String authorization)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://localhost:" + api.port() + path))
                .timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
