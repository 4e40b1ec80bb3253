/**
 * Kafka plumbing in one place: the client properties every producer, consumer, admin client and
 * Kafka Streams instance of cellwatch is built from ({@link io.cellwatch.model.kafka.KafkaConnection}),
 * the operator's client properties from a file and the environment
 * ({@link io.cellwatch.model.kafka.KafkaClientProperties}), and topic creation
 * ({@link io.cellwatch.model.kafka.TopicProvisioner}).
 */
package io.cellwatch.model.kafka;
