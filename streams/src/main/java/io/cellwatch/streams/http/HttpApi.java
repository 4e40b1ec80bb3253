package io.cellwatch.streams.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process's HTTP endpoint: {@code /metrics} for Prometheus, {@code /health} for liveness
 * checks; further handlers (the query API's {@link Router}) can be added with {@link #route}. Uses
 * the JDK's built-in server: a scrape endpoint and a few GET routes need nothing more. The server is
 * set up here and nowhere else.
 */
public final class HttpApi implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    /** Prometheus text exposition format, the one every Prometheus version scrapes. */
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    /** Handler threads: query requests may wait on a peer instance while scrapes keep being served. */
    private static final int THREADS = 8;

    static {
        // Without TCP_NODELAY a chunked response's last small write waits for the client's delayed ACK:
        // 40 ms added to every scrape on Linux (measured with the performance report's scrape section).
        // The JDK server reads this once, when the first server starts; a value set by the user stays.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;

    private HttpApi(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Starts serving on {@code host:port} (port 0 picks a free one).
     *
     * @param healthy answers {@code /health}: 200 when true, 503 otherwise
     */
    public static HttpApi start(String host, int port, PrometheusMeterRegistry registry, BooleanSupplier healthy)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, runnable -> {
            Thread thread = new Thread(runnable, "cellwatch-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        HttpApi api = new HttpApi(server, executor);
        api.route("/metrics", exchange -> scrape(exchange, registry));
        api.route("/health", exchange -> {
            boolean up = healthy.getAsBoolean();
            respond(exchange, up ? 200 : 503, "text/plain; charset=utf-8", up ? "UP\n" : "DOWN\n");
        });
        server.start();
        LOG.info("HTTP endpoint on http://{}:{}/metrics", host, api.port());
        return api;
    }

    public void route(String path, HttpHandler handler) {
        server.createContext(path, exchange -> {
            try (exchange) {
                handler.handle(exchange);
            } catch (RuntimeException e) {
                LOG.warn("HTTP {} failed", exchange.getRequestURI(), e);
                respond(exchange, 500, "text/plain; charset=utf-8", "internal error\n");
            }
        });
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        respond(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    public static void respond(HttpExchange exchange, int status, String contentType, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /**
     * Writes the scrape straight into the response (no copy of a many-megabyte string at thousands of
     * channels), gzipped when the scraper accepts it, as Prometheus does: the text compresses ~10×.
     */
    static void scrape(HttpExchange exchange, PrometheusMeterRegistry registry) throws IOException {
        boolean gzip = acceptsGzip(exchange.getRequestHeaders().getFirst("Accept-Encoding"));
        exchange.getResponseHeaders().set("Content-Type", PROMETHEUS_TEXT);
        if (gzip) {
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
        }
        exchange.sendResponseHeaders(200, 0); // chunked: the length is known only once written
        try (OutputStream body = exchange.getResponseBody();
                OutputStream out = gzip ? gzip(body) : body) {
            registry.scrape(out, PROMETHEUS_TEXT);
        }
    }

    /**
     * The gzip stream scrapes are written through: the fastest deflate level, which at thousands of
     * channels costs a fraction of the default level's CPU for a few percent more bytes.
     */
    public static OutputStream gzip(OutputStream out) throws IOException {
        return new GZIPOutputStream(out, 64 * 1024) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        };
    }

    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String coding : acceptEncoding.split(",")) {
            String[] parts = coding.trim().toLowerCase(Locale.ROOT).split(";");
            if (parts[0].trim().equals("gzip")) {
                return parts.length < 2 || !parts[1].replace(" ", "").equals("q=0");
            }
        }
        return false;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
