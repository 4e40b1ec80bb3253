package io.cellwatch.streams.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Who may reach the HTTP endpoint, and over what: the file {@code --web-config} names, in the
 * format of Prometheus' exporter toolkit, so an operator configures cellwatch as every exporter:
 *
 * <pre>
 * tls_server_config:
 *   cert_file: server.crt        # PEM, the server certificate first, then its chain
 *   key_file: server.key         # PEM, PKCS#8 ("BEGIN PRIVATE KEY") or PKCS#1 RSA
 *   client_auth_type: RequireAndVerifyClientCert   # optional; NoClientCert by default
 *   client_ca_file: clients.crt  # the CAs client certificates must chain to
 *   min_version: TLS13           # optional; TLS12 by default
 * basic_auth_users:
 *   prometheus: $2y$10$...       # bcrypt hashes (htpasswd -nBC 10 "" | tr -d ':\n')
 * </pre>
 *
 * Paths are relative to the file's folder. Keys cellwatch does not implement (cipher suites, HTTP/2
 * settings, headers) are refused rather than ignored: a security setting never silently does nothing.
 *
 * @param tls   the server's TLS settings, or null for plain HTTP
 * @param users user name → bcrypt hash; empty for no authentication
 * @param source the file read, or null ({@link #NONE}): its users are read again when it changes
 *     ({@link ReloadingUsers})
 */
public record WebConfig(Tls tls, Map<String, String> users, Path source) {

    /** Plain HTTP, open to any caller: the behaviour without {@code --web-config}. */
    public static final WebConfig NONE = new WebConfig(null, Map.of(), null);

    /**
     * @param certFile      the certificate chain, PEM
     * @param keyFile       its private key, PEM
     * @param clientCaFile  CAs that client certificates must chain to, or null
     * @param requireClientCert true for {@code RequireAndVerifyClientCert}
     * @param minVersion    {@code TLSv1.2} or {@code TLSv1.3}
     */
    public record Tls(Path certFile, Path keyFile, Path clientCaFile, boolean requireClientCert, String minVersion) {}

    /**
     * Duplicated keys refused, as the exporter toolkit's strict YAML refuses them: read leniently, a second
     * {@code tls_server_config} block silently replaced the first, its {@code RequireAndVerifyClientCert} too.
     */
    private static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private static final Set<String> TOP = Set.of("tls_server_config", "basic_auth_users", "http_server_config");
    private static final Set<String> TLS_KEYS =
            Set.of("cert_file", "key_file", "client_auth_type", "client_ca_file", "min_version");

    public WebConfig {
        users = Map.copyOf(users);
    }

    public boolean authenticates() {
        return !users.isEmpty();
    }

    /**
     * Reads and checks a web config file.
     *
     * @throws IllegalArgumentException naming the file and field, never quoting a hash or key
     */
    public static WebConfig read(Path file) throws IOException {
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not readable as YAML: " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return new WebConfig(null, Map.of(), file); // an empty file, as the exporter toolkit takes it
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException(file + ": expected a mapping at the top");
        }
        Path base = file.toAbsolutePath().getParent();
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!TOP.contains(name)) {
                throw new IllegalArgumentException(file + ": field '" + name + "': unknown (expected one of "
                        + new java.util.TreeSet<>(TOP) + ")");
            }
        }
        JsonNode http = root.path("http_server_config");
        if (!http.isMissingNode() && !http.isNull() && http.size() > 0) {
            throw new IllegalArgumentException(file + ": field 'http_server_config': not supported by cellwatch");
        }
        return new WebConfig(
                tls(file, base, root.path("tls_server_config")), users(file, root.path("basic_auth_users")), file);
    }

    private static Tls tls(Path file, Path base, JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw field(file, "tls_server_config", "expected a mapping");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!TLS_KEYS.contains(name)) {
                throw field(
                        file,
                        "tls_server_config." + name,
                        "not supported by cellwatch (supported: " + new java.util.TreeSet<>(TLS_KEYS) + ")");
            }
        }
        Path cert = existing(file, base, node, "cert_file", true);
        Path key = existing(file, base, node, "key_file", true);
        String clientAuth = node.path("client_auth_type").asText("NoClientCert");
        boolean requireClientCert = switch (clientAuth) {
            case "NoClientCert" -> false;
            case "RequireAndVerifyClientCert" -> true;
            default ->
                throw field(
                        file,
                        "tls_server_config.client_auth_type",
                        "'" + clientAuth + "' is not supported (NoClientCert or RequireAndVerifyClientCert)");
        };
        Path clientCa = existing(file, base, node, "client_ca_file", requireClientCert);
        if (clientCa != null && !requireClientCert) {
            // A CA that checks no one: the exporter toolkit refuses it ("Client CA's have been configured without
            // a Client Auth Policy"), and an operator who named one means clients to be checked.
            throw field(
                    file,
                    "tls_server_config.client_ca_file",
                    "set without a client_auth_type that checks client certificates (RequireAndVerifyClientCert)");
        }
        String minVersion = switch (node.path("min_version").asText("TLS12")) {
            case "TLS12" -> "TLSv1.2";
            case "TLS13" -> "TLSv1.3";
            default -> throw field(file, "tls_server_config.min_version", "must be TLS12 or TLS13");
        };
        return new Tls(cert, key, clientCa, requireClientCert, minVersion);
    }

    private static Path existing(Path file, Path base, JsonNode node, String key, boolean required) {
        JsonNode value = node.path(key);
        if (value.isMissingNode() || value.isNull() || value.asText().isBlank()) {
            if (required) {
                throw field(file, "tls_server_config." + key, "missing");
            }
            return null;
        }
        Path path = base.resolve(value.asText());
        if (!Files.isReadable(path)) {
            throw field(file, "tls_server_config." + key, "cannot read " + path);
        }
        return path;
    }

    private static Map<String, String> users(Path file, JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw field(file, "basic_auth_users", "expected a mapping of user names to bcrypt hashes");
        }
        Map<String, String> users = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> user = it.next();
            String hash = user.getValue().asText("");
            if (!BcryptUsers.isBcryptHash(hash)) {
                throw field(
                        file,
                        "basic_auth_users." + user.getKey(),
                        "not a bcrypt hash ($2a$, $2b$ or $2y$, cost 04 to 31)");
            }
            users.put(user.getKey(), hash);
        }
        return users;
    }

    private static IllegalArgumentException field(Path file, String field, String reason) {
        return new IllegalArgumentException(file + ": field '" + field + "': " + reason);
    }
}
