package io.cellwatch.streams.detect.quality;

/**
 * A row of a channel's export that could not be read (a NaN or empty reading, a garbled field):
 * it never became a sample, but the channel is the poorer for it.
 *
 * @param channelId the channel whose export held the row
 * @param field     the field that could not be read
 * @param reason    why, in words
 * @param location  where, e.g. {@code rack1/ch07.csv:1234}, or null when unknown
 */
public record UnreadableRow(String channelId, String field, String reason, String location) {}
