package io.cellwatch.deploy.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The ACLs cellwatch needs with its default names (topic prefix {@code cellwatch.}, application id
 * {@code cellwatch}, alert group {@code cellwatch-alerts}), written as a Strimzi {@code KafkaUser}
 * writes them. {@code SecuredKafkaIT} grants exactly these and nothing more to the user the whole
 * pipeline runs as; {@code DeploymentFilesTest} requires the shipped {@code KafkaUser} to hold
 * exactly these; the README's table lists them.
 */
public final class CellwatchAcls {
    private CellwatchAcls() {}

    /**
     * One ACL as Strimzi's {@code KafkaUser} spells it.
     *
     * @param type        topic, group, transactionalId or cluster
     * @param name        resource name (or prefix); empty for the cluster
     * @param patternType literal or prefix
     * @param operations  Strimzi's operation names (Read, Write, Create, Describe, ...)
     */
    public record Acl(String type, String name, String patternType, Set<String> operations) {
        public Acl {
            operations = Set.copyOf(operations);
        }

        @Override
        public String toString() {
            return type + " " + patternType + " '" + name + "': " + new TreeSet<>(operations);
        }
    }

    public static final List<Acl> REQUIRED = List.of(
            // Every topic of cellwatch's: the pipeline's (created by every command), the alert service's
            // commands and delivery ledger, the ingesters' positions. Each command reads and writes only its
            // own, but they share one user.
            new Acl("topic", "cellwatch.", "prefix", Set.of("Create", "Read", "Write")),
            // Kafka Streams' internal topics, named after the application id: changelogs, and the replicate
            // groups' repartition topics, whose consumed records Streams deletes (DeleteRecords) every 30 s;
            // without Delete they stay for ever (retention.ms -1), the failure logged at DEBUG only.
            new Acl("topic", "cellwatch-", "prefix", Set.of("Create", "Read", "Write", "Delete")),
            // The consumer groups: Kafka Streams' (the application id) and the alert service's.
            new Acl("group", "cellwatch", "literal", Set.of("Read")),
            new Acl("group", "cellwatch-alerts", "literal", Set.of("Read")),
            // Transactions: Kafka Streams' exactly-once producers (APPLICATION_ID-...), the file
            // ingesters' (cellwatch-ingest-INGESTER_ID) and the alert service's ledger writers
            // (cellwatch-alerts-ledger-PARTITION).
            new Acl("transactionalId", "cellwatch-", "prefix", Set.of("Write")));

    /** The Kafka ACL bindings granting {@code acls} to {@code principal} (e.g. {@code User:cellwatch}) from any host. */
    public static List<AclBinding> bindings(String principal, List<Acl> acls) {
        List<AclBinding> bindings = new ArrayList<>();
        for (Acl acl : acls) {
            ResourcePattern resource = new ResourcePattern(
                    resourceType(acl.type()),
                    acl.type().equals("cluster") ? "kafka-cluster" : acl.name(),
                    acl.patternType().equals("prefix") ? PatternType.PREFIXED : PatternType.LITERAL);
            for (String operation : acl.operations()) {
                bindings.add(new AclBinding(
                        resource,
                        new AccessControlEntry(principal, "*", operation(operation), AclPermissionType.ALLOW)));
            }
        }
        return bindings;
    }

    /** The ACLs of a Strimzi {@code KafkaUser} document ({@code spec.authorization.acls}). */
    public static List<Acl> fromKafkaUser(JsonNode kafkaUser) {
        List<Acl> acls = new ArrayList<>();
        for (JsonNode acl : kafkaUser.path("spec").path("authorization").path("acls")) {
            JsonNode resource = acl.path("resource");
            Set<String> operations = new LinkedHashSet<>();
            acl.path("operations").forEach(o -> operations.add(o.asText()));
            acls.add(new Acl(
                    resource.path("type").asText(),
                    resource.path("name").asText(""),
                    resource.path("patternType").asText("literal"),
                    operations));
        }
        return acls;
    }

    private static ResourceType resourceType(String strimziType) {
        return switch (strimziType) {
            case "topic" -> ResourceType.TOPIC;
            case "group" -> ResourceType.GROUP;
            case "transactionalId" -> ResourceType.TRANSACTIONAL_ID;
            case "cluster" -> ResourceType.CLUSTER;
            default -> throw new IllegalArgumentException("unknown resource type " + strimziType);
        };
    }

    /** Strimzi's {@code DescribeConfigs} is Kafka's {@code DESCRIBE_CONFIGS}. */
    private static AclOperation operation(String strimziName) {
        AclOperation operation = AclOperation.valueOf(
                strimziName.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT));
        if (operation == AclOperation.ANY || operation == AclOperation.UNKNOWN) {
            throw new IllegalArgumentException("not an operation: " + strimziName);
        }
        return operation;
    }
}
