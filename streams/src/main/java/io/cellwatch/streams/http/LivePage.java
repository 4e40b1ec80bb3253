package io.cellwatch.streams.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The live page at {@code /}: a few static files (HTML, plain ES modules, CSS) that read the query
 * API from the browser and draw the fleet and each channel's charts as SVG. No build step and no
 * library: the files are served from the classpath as they are written. Served through
 * {@link HttpApi} like every other route, so whatever protects the API protects the page.
 */
public final class LivePage {
    private static final String ROOT = "/io/cellwatch/streams/web/";
    /** The files there are; nothing else is served, so no path can reach outside them. */
    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "app.js", "text/javascript; charset=utf-8",
            "charts.js", "text/javascript; charset=utf-8",
            "views.js", "text/javascript; charset=utf-8",
            "style.css", "text/css; charset=utf-8");

    private LivePage() {}

    /** Serves the page at {@code /} (and its files beside it) on {@code http}. */
    public static void install(HttpApi http) {
        Map<String, byte[]> content = load();
        http.route("/", exchange -> serve(exchange, content));
    }

    private static void serve(HttpExchange exchange, Map<String, byte[]> content) throws IOException {
        if (!exchange.getRequestMethod().equals("GET")
                && !exchange.getRequestMethod().equals("HEAD")) {
            HttpApi.respond(exchange, 405, "text/plain; charset=utf-8", "only GET is supported\n");
            return;
        }
        String path = exchange.getRequestURI().getPath();
        String name = path.equals("/") ? "index.html" : path.substring(1);
        byte[] body = content.get(name);
        if (body == null) {
            HttpApi.respond(exchange, 404, "text/plain; charset=utf-8", "no such page: " + path + "\n");
            return;
        }
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        HttpApi.respond(exchange, 200, FILES.get(name), body);
    }

    private static Map<String, byte[]> load() {
        Map<String, byte[]> content = new HashMap<>();
        for (String name : FILES.keySet()) {
            try (InputStream in = LivePage.class.getResourceAsStream(ROOT + name)) {
                if (in == null) {
                    throw new IllegalStateException("live page file missing from the build: " + ROOT + name);
                }
                content.put(name, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Map.copyOf(content);
    }
}
