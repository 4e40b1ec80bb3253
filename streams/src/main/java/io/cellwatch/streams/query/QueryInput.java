package io.cellwatch.streams.query;

import com.sun.net.httpserver.HttpExchange;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What a query-API request may ask, checked before any store is read: a channel id of sane length
 * without control characters, only the query parameters a route takes, each with a value it
 * understands. A request that fails is answered 400 naming what was wrong ({@link BadRequest}).
 */
final class QueryInput {
    /** Longer ids are not channel ids (file names are at most 255 bytes). */
    static final int MAX_CHANNEL_ID = 255;
    /** The longest request URI taken: far past any real question, short of a flood. */
    static final int MAX_URI = 2048;
    /** The most cycles a request can ask for: what the cycle history keeps per channel. */
    static final int MAX_LIMIT = (int) QueryStores.MAX_CYCLES_PER_CHANNEL;

    private QueryInput() {}

    /** An input the API does not take. */
    static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }

    static String channelId(String id) {
        if (id == null || id.isBlank()) {
            throw new BadRequest("channel id is empty");
        }
        if (id.length() > MAX_CHANNEL_ID) {
            throw new BadRequest("channel id longer than " + MAX_CHANNEL_ID + " characters");
        }
        if (id.chars().anyMatch(Character::isISOControl)) {
            throw new BadRequest("channel id contains control characters");
        }
        return id;
    }

    /** The query parameters, refusing any not in {@code allowed} and any given twice. */
    static Map<String, String> parameters(HttpExchange exchange, Set<String> allowed) {
        Map<String, String> parameters = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return parameters;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (!allowed.contains(name)) {
                throw new BadRequest("unknown query parameter '" + name + "'"
                        + (allowed.isEmpty()
                                ? " (this resource takes none)"
                                : " (this resource takes " + allowed + ")"));
            }
            if (parameters.put(name, value) != null) {
                throw new BadRequest("query parameter '" + name + "' given twice");
            }
        }
        return parameters;
    }

    /** {@code limit}: a whole number from 1 to {@link #MAX_LIMIT}, or absent. */
    static OptionalInt limit(Map<String, String> parameters) {
        String value = parameters.get("limit");
        if (value == null) {
            return OptionalInt.empty();
        }
        int limit;
        try {
            limit = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new BadRequest("limit must be a whole number, got '" + shorten(value) + "'");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new BadRequest("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        return OptionalInt.of(limit);
    }

    /** {@code format}: {@code json} (the default) or {@code csv}. */
    static boolean csv(Map<String, String> parameters) {
        String format = parameters.getOrDefault("format", "json");
        return switch (format.toLowerCase(java.util.Locale.ROOT)) {
            case "json" -> false;
            case "csv" -> true;
            default -> throw new BadRequest("format must be json or csv, got '" + shorten(format) + "'");
        };
    }

    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("malformed percent-encoding in the query");
        }
    }

    /** Echoes at most a little of what the caller sent. */
    private static String shorten(String value) {
        String printable = value.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= 40 ? printable : printable.substring(0, 40) + "…";
    }
}
