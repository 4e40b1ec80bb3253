package io.cellwatch.streams.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends each GET request to the handler of the first route whose pattern its path matches. A
 * pattern is a path whose segments match literally, except {@code {name}}, which matches any one
 * segment and hands it to the handler percent-decoded. Other methods are refused with 405, paths no
 * route matches with 404, both through the {@link Refusal} the owner chose (so each API answers in
 * its own format).
 */
public final class Router implements HttpHandler {

    /** Answers one matched request. */
    @FunctionalInterface
    public interface Handler {
        void handle(HttpExchange exchange, Map<String, String> pathParameters) throws IOException;
    }

    /** Answers a request no route takes. */
    @FunctionalInterface
    public interface Refusal {
        void respond(HttpExchange exchange, int status, String message) throws IOException;
    }

    private record Route(List<String> pattern, Handler handler) {
        /** The path's parameters when it matches, else null. */
        Map<String, String> match(List<String> path) {
            if (path.size() != pattern.size()) {
                return null;
            }
            Map<String, String> parameters = new HashMap<>();
            for (int i = 0; i < path.size(); i++) {
                String expected = pattern.get(i);
                if (expected.startsWith("{") && expected.endsWith("}")) {
                    parameters.put(expected.substring(1, expected.length() - 1), path.get(i));
                } else if (!expected.equals(path.get(i))) {
                    return null;
                }
            }
            return parameters;
        }
    }

    private final List<Route> routes = new ArrayList<>();
    private final Refusal refusal;

    public Router(Refusal refusal) {
        this.refusal = refusal;
    }

    /** Adds a GET route, e.g. {@code /api/channels/{channel}/cycles}. */
    public Router get(String pattern, Handler handler) {
        routes.add(new Route(
                Arrays.stream(pattern.split("/")).filter(s -> !s.isEmpty()).toList(), handler));
        return this;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("GET")) {
            refusal.respond(exchange, 405, "only GET is supported");
            return;
        }
        List<String> path = segments(exchange.getRequestURI().getRawPath());
        for (Route route : routes) {
            Map<String, String> parameters = route.match(path);
            if (parameters != null) {
                route.handler().handle(exchange, parameters);
                return;
            }
        }
        refusal.respond(
                exchange, 404, "no such resource: " + exchange.getRequestURI().getPath());
    }

    /** Path segments, percent-decoded ({@code +} stays a plus: channel ids may contain one). */
    public static List<String> segments(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String raw : rawPath.split("/")) {
            if (!raw.isEmpty()) {
                segments.add(URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return segments;
    }
}
