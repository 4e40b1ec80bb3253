package io.cellwatch.streams.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpExchange;
import io.cellwatch.model.WireCodec;
import io.cellwatch.streams.http.HttpApi;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The query API's JSON, written by Jackson: plain values (channel states, errors), records in
 * their topic's own encoding, and fleet answers that append the peers' arrays to this instance's.
 */
final class QueryJson {
    static final String CONTENT_TYPE = "application/json; charset=utf-8";
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private QueryJson() {}

    /** Writes the items of an array. */
    @FunctionalInterface
    interface Items {
        void writeTo(JsonGenerator out) throws IOException;
    }

    static void respond(HttpExchange exchange, int status, Object value) throws IOException {
        HttpApi.respond(exchange, status, CONTENT_TYPE, MAPPER.writeValueAsBytes(value));
    }

    /** The one shape of every error of the HTTP endpoint: {@code {"status":N,"error":"..."}}. */
    static void error(HttpExchange exchange, int status, String message) throws IOException {
        HttpApi.error(exchange, status, message);
    }

    /** Plain values, one item each. */
    static Items values(List<?> values) {
        return out -> {
            for (Object value : values) {
                out.writeObject(value);
            }
        };
    }

    /** Wire records exactly as their topic encodes them. */
    static <T> Items records(List<T> records, WireCodec<T> codec) {
        return out -> {
            for (T record : records) {
                out.writeRawValue(codec.toJson(record));
            }
        };
    }

    /** One array: {@code local}'s items, then the items of every array in {@code peerArrays}. */
    static byte[] array(Items local, List<String> peerArrays) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator out = MAPPER.createGenerator(bytes)) {
            out.writeStartArray();
            local.writeTo(out);
            for (String peerArray : peerArrays) {
                appendItems(peerArray, out);
            }
            out.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** One array of these items. */
    static String array(Items items) {
        return new String(array(items, List.of()), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void appendItems(String array, JsonGenerator out) throws IOException {
        try (JsonParser in = MAPPER.createParser(array)) {
            if (in.nextToken() != JsonToken.START_ARRAY) {
                throw new IOException("a peer answered with something other than a JSON array");
            }
            while (in.nextToken() != JsonToken.END_ARRAY) {
                out.copyCurrentStructure(in);
            }
        }
    }
}
