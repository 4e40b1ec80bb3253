package io.cellwatch.deploy.kafka;

import io.cellwatch.deploy.broker.EmbeddedKafka;
import io.cellwatch.deploy.broker.LoopbackPorts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;

/**
 * A single-node KRaft Kafka (an {@link EmbeddedKafka} configured by hand) secured as production clusters are: clients connect over SASL_SSL
 * (SCRAM-SHA-512 over TLS, with a self-signed certificate made here by the JDK's keytool), and the
 * StandardAuthorizer lets a principal do only what ACLs grant. {@code admin} is the one super user
 * (the broker itself, and the test's own setup and checks). The controller listener uses SASL PLAIN
 * on loopback: KRaft controllers cannot authenticate with SCRAM, whose credentials live in the
 * metadata they serve.
 */
final class SecuredKafka implements AutoCloseable {
    static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = "admin-secret-" + Uuid.randomUuid();
    private static final String STORE_PASSWORD = "store-secret";
    static final String SCRAM = "SCRAM-SHA-512";

    private final EmbeddedKafka server;
    private final Path caCertificate;

    private SecuredKafka(EmbeddedKafka server, Path caCertificate) {
        this.server = server;
        this.caCertificate = caCertificate;
    }

    /**
     * @param scramUsers user → password of the SCRAM users to create besides {@code admin} (when formatting,
     *                   so they exist before the first client connects)
     */
    static SecuredKafka start(Path dir, Map<String, String> scramUsers) throws Exception {
        Files.createDirectories(dir);
        Path keystore = dir.resolve("broker.p12");
        Path certificate = dir.resolve("broker.pem");
        keytool(
                "-genkeypair",
                "-alias",
                "broker",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                "2",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=dns:localhost,ip:127.0.0.1",
                "-keystore",
                keystore.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                STORE_PASSWORD,
                "-keypass",
                STORE_PASSWORD);
        keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                "broker",
                "-file",
                certificate.toString(),
                "-keystore",
                keystore.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                STORE_PASSWORD);

        int[] ports = LoopbackPorts.free(2);
        int clientPort = ports[0];
        int controllerPort = ports[1];
        Properties props = serverProperties(dir.resolve("log"), clientPort, controllerPort, keystore, certificate);
        List<String> scram = new ArrayList<>();
        Map<String, String> users = new LinkedHashMap<>(scramUsers);
        users.put(ADMIN, ADMIN_PASSWORD);
        users.forEach((user, password) -> {
            scram.add("--add-scram");
            scram.add(SCRAM + "=[name=" + user + ",password=" + password + "]");
        });
        EmbeddedKafka server = EmbeddedKafka.start(dir, props, "localhost:" + clientPort, scram);
        return new SecuredKafka(server, certificate);
    }

    private static Properties serverProperties(
            Path logDir, int clientPort, int controllerPort, Path keystore, Path certificate) {
        String plainJaas = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + ADMIN
                + "\" password=\"" + ADMIN_PASSWORD + "\" user_" + ADMIN + "=\"" + ADMIN_PASSWORD + "\";";
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.bootstrap.servers", "localhost:" + controllerPort);
        p.put("listeners", "SASL_SSL://localhost:" + clientPort + ",CONTROLLER://localhost:" + controllerPort);
        p.put(
                "advertised.listeners",
                "SASL_SSL://localhost:" + clientPort + ",CONTROLLER://localhost:" + controllerPort);
        p.put("listener.security.protocol.map", "SASL_SSL:SASL_SSL,CONTROLLER:SASL_PLAINTEXT");
        p.put("inter.broker.listener.name", "SASL_SSL");
        p.put("controller.listener.names", "CONTROLLER");
        // Clients and the broker itself: SCRAM-SHA-512 over TLS.
        p.put("listener.name.sasl_ssl.sasl.enabled.mechanisms", SCRAM);
        p.put("sasl.mechanism.inter.broker.protocol", SCRAM);
        p.put("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config", jaas(ADMIN, ADMIN_PASSWORD));
        p.put("ssl.keystore.type", "PKCS12");
        p.put("ssl.keystore.location", keystore.toString());
        p.put("ssl.keystore.password", STORE_PASSWORD);
        p.put("ssl.key.password", STORE_PASSWORD);
        p.put("ssl.truststore.type", "PEM");
        p.put("ssl.truststore.location", certificate.toString());
        // The controller listener: PLAIN, the broker's own account only.
        p.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
        p.put("sasl.mechanism.controller.protocol", "PLAIN");
        p.put("listener.name.controller.plain.sasl.jaas.config", plainJaas);
        // Nothing is allowed unless an ACL allows it.
        p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.put("super.users", "User:" + ADMIN);
        p.put("allow.everyone.if.no.acl.found", "false");
        p.put("log.dirs", logDir.toString());
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        return p;
    }

    static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
                + password + "\";";
    }

    String bootstrapServers() {
        return server.bootstrapServers();
    }

    /** What a client of {@code user} puts in its properties: SASL_SSL, SCRAM, and the broker's certificate to trust. */
    Map<String, String> clientProperties(String user, String password) {
        Map<String, String> props = new LinkedHashMap<>(tlsOnly());
        props.put("security.protocol", "SASL_SSL");
        props.put("sasl.mechanism", SCRAM);
        props.put("sasl.jaas.config", jaas(user, password));
        return props;
    }

    /** TLS that trusts the broker, but no SASL credentials. */
    Map<String, String> tlsOnly() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("security.protocol", "SSL");
        props.put("ssl.truststore.type", "PEM");
        props.put("ssl.truststore.location", caCertificate.toString());
        return props;
    }

    /** The super user's admin client, for setup and checks. */
    Admin admin() {
        Properties props = new Properties();
        props.putAll(clientProperties(ADMIN, ADMIN_PASSWORD));
        props.put("bootstrap.servers", bootstrapServers());
        return Admin.create(props);
    }

    /** The super user's client properties (with bootstrap servers), for the test's own readers. */
    Properties superUser() {
        Properties props = new Properties();
        props.putAll(clientProperties(ADMIN, ADMIN_PASSWORD));
        props.put("bootstrap.servers", bootstrapServers());
        return props;
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool " + args[0] + " failed: " + output);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
