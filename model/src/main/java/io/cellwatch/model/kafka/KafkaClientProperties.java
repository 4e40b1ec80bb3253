package io.cellwatch.model.kafka;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The operator's Kafka client properties, from a Java properties file (like the Kafka tools'
 * {@code --command-config}) and from {@code CELLWATCH_KAFKA_*} environment variables for
 * containers, where a file would have to be mounted and secrets come as variables.
 *
 * <p>A variable names a property the way Confluent's and Bitnami's Kafka images do: the part after
 * {@code CELLWATCH_KAFKA_}, lower-cased, with {@code _} read as {@code .}, {@code __} as {@code _}
 * and {@code ___} as {@code -} ({@code CELLWATCH_KAFKA_SECURITY_PROTOCOL} is {@code
 * security.protocol}, {@code CELLWATCH_KAFKA_SASL_JAAS_CONFIG} is {@code sasl.jaas.config}).
 * A variable beats the file for the same property.
 *
 * @param bootstrapServers {@code bootstrap.servers} from the file or the environment, or null
 * @param properties       every other property, to apply to every client
 * @param sources          where each property (and {@code bootstrap.servers}) came from, for messages
 */
public record KafkaClientProperties(
        String bootstrapServers, Map<String, String> properties, Map<String, String> sources) {

    public static final String ENV_PREFIX = "CELLWATCH_KAFKA_";
    private static final String BOOTSTRAP = "bootstrap.servers";

    public KafkaClientProperties {
        properties = Map.copyOf(properties);
        sources = Map.copyOf(sources);
    }

    public static KafkaClientProperties none() {
        return new KafkaClientProperties(null, Map.of(), Map.of());
    }

    /**
     * Reads {@code file} (may be null) and the {@code CELLWATCH_KAFKA_*} variables of {@code environment}.
     *
     * @throws InvalidKafkaConfigException naming the file or variable: unreadable, or a key cellwatch sets itself
     */
    public static KafkaClientProperties load(Path file, Map<String, String> environment) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> sources = new LinkedHashMap<>();
        if (file != null) {
            Properties fromFile = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                fromFile.load(reader);
            } catch (IOException | IllegalArgumentException e) {
                throw new InvalidKafkaConfigException(
                        file + ": cannot read Kafka client properties: " + e.getMessage());
            }
            for (String key : new TreeMap<>(fromFile)
                    .keySet().stream().map(Object::toString).toList()) {
                values.put(key, fromFile.getProperty(key));
                sources.put(key, file.toString());
            }
        }
        for (Map.Entry<String, String> variable : new TreeMap<>(environment).entrySet()) {
            if (variable.getKey().startsWith(ENV_PREFIX)
                    && variable.getKey().length() > ENV_PREFIX.length()
                    && !serviceLink(variable.getKey())) {
                String key = propertyKey(variable.getKey());
                values.put(key, variable.getValue());
                sources.put(key, "environment variable " + variable.getKey());
            }
        }
        String bootstrap = values.remove(BOOTSTRAP);
        for (String key : values.keySet()) {
            if (KafkaConnection.reserved(key)) {
                throw new InvalidKafkaConfigException(sources.get(key) + ": " + KafkaConnection.reservedMessage(key));
            }
        }
        return new KafkaClientProperties(bootstrap, values, sources);
    }

    /**
     * Whether a variable is one Kubernetes gives a pod for a Service of the namespace (its service links:
     * {@code NAME_SERVICE_HOST}, {@code NAME_SERVICE_PORT[_PORTNAME]}, {@code NAME_PORT},
     * {@code NAME_PORT_9093_TCP[_ADDR|_PORT|_PROTO]}): a Strimzi cluster named {@code cellwatch} has a
     * Service {@code cellwatch-kafka-bootstrap}, whose links start with {@code CELLWATCH_KAFKA_}. No Kafka
     * client property ends so, and read as one each would go to every client.
     */
    static boolean serviceLink(String variable) {
        return SERVICE_LINK.matcher(variable).matches();
    }

    private static final java.util.regex.Pattern SERVICE_LINK = java.util.regex.Pattern.compile(
            ".*_(SERVICE_HOST|SERVICE_PORT(_[A-Z0-9_]+)?|PORT(_\\d+_(TCP|UDP|SCTP)(_ADDR|_PORT|_PROTO)?)?)");

    /** The property a {@code CELLWATCH_KAFKA_*} variable sets. */
    public static String propertyKey(String variable) {
        if (!variable.startsWith(ENV_PREFIX)) {
            throw new IllegalArgumentException(variable + " does not start with " + ENV_PREFIX);
        }
        return variable.substring(ENV_PREFIX.length())
                .toLowerCase(Locale.ROOT)
                .replace("___", "\u0001")
                .replace("__", "\u0002")
                .replace('_', '.')
                .replace('\u0001', '-')
                .replace('\u0002', '_');
    }

    /**
     * The connection to use: {@code bootstrapFlag} (the {@code --bootstrap-servers} flag) when given,
     * else {@code bootstrap.servers} from the environment or the file.
     *
     * @throws InvalidKafkaConfigException when no bootstrap servers are known
     */
    public KafkaConnection connection(String bootstrapFlag) {
        String servers = bootstrapFlag != null && !bootstrapFlag.isBlank() ? bootstrapFlag : bootstrapServers;
        if (servers == null || servers.isBlank()) {
            throw new InvalidKafkaConfigException("no Kafka bootstrap servers: give --bootstrap-servers");
        }
        return KafkaConnection.of(servers, properties);
    }

    /** A Kafka configuration that cannot be used; the message names the file or variable. */
    public static final class InvalidKafkaConfigException extends IllegalArgumentException {
        public InvalidKafkaConfigException(String message) {
            super(message);
        }
    }
}
