package io.cellwatch.streams.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process's HTTP endpoint: {@code /metrics} for Prometheus, {@code /health} for liveness
 * checks; further handlers (the query API's {@link Router}) can be added with {@link #route}. Uses
 * the JDK's built-in server: a scrape endpoint and a few GET routes need nothing more. The server is
 * set up here and nowhere else, and so is its security: with a {@link WebConfig} every route (metrics,
 * health, the query API, pages) is served over TLS and asks for a user of {@code basic_auth_users}.
 * An error is answered as JSON with its status, never with a stack trace.
 */
public final class HttpApi implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    /** Prometheus text exposition format, the one every Prometheus version scrapes. */
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    /**
     * How many requests may wait on another instance at once, so that however many live pages poll a
     * fleet whose peer hangs, the peer is not asked by more than a few threads.
     */
    public static final int PEER_WAITERS = 4;
    /**
     * Connections served at once; more wait in the listen backlog. Each has a thread of its own, since the
     * JDK server reads a request (and does its TLS handshake) on the thread that then handles it: with a
     * fixed pool, eight connections that sent one byte each held every thread, before any password was
     * asked, and {@code /health} went unanswered (a liveness probe failing, the pod restarted).
     */
    static final int MAX_CONNECTIONS = 256;
    /**
     * Seconds a request may take to arrive whole (its TLS handshake, line and headers): a client that
     * trickles its bytes (slowloris) is cut off after this instead of holding a thread for ever. A scrape
     * or an API call arrives in milliseconds.
     */
    static final int MAX_REQUEST_SECONDS = 20;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JSON_TYPE = "application/json; charset=utf-8";

    static {
        // Without TCP_NODELAY a chunked response's last small write waits for the client's delayed ACK:
        // 40 ms added to every scrape on Linux (measured with the performance report's scrape section).
        // The JDK server reads this once, when the first server starts; a value set by the user stays.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        // Read once, like nodelay: the bounds a connection-per-thread server needs (see MAX_CONNECTIONS).
        if (System.getProperty("jdk.httpserver.maxConnections") == null) {
            System.setProperty("jdk.httpserver.maxConnections", Integer.toString(MAX_CONNECTIONS));
        }
        if (System.getProperty("sun.net.httpserver.maxReqTime") == null) {
            System.setProperty("sun.net.httpserver.maxReqTime", Integer.toString(MAX_REQUEST_SECONDS));
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Authenticator authenticator;
    private final SSLContext peerTls;
    /** The client CAs when client certificates are required, else null: checked again at every request. */
    private final ReloadingTrustManager clientCas;

    private HttpApi(
            HttpServer server,
            ExecutorService executor,
            Authenticator authenticator,
            SSLContext peerTls,
            ReloadingTrustManager clientCas) {
        this.server = server;
        this.executor = executor;
        this.authenticator = authenticator;
        this.clientCas = clientCas;
        this.peerTls = peerTls;
    }

    /**
     * Starts serving on {@code host:port} (port 0 picks a free one).
     *
     * @param healthy answers {@code /health}: 200 when true, 503 otherwise
     */
    public static HttpApi start(String host, int port, PrometheusMeterRegistry registry, BooleanSupplier healthy)
            throws IOException {
        return start(host, port, registry, healthy, WebConfig.NONE);
    }

    /** Starts serving as {@code web} says: over TLS and for its users only, or as plain open HTTP with {@link WebConfig#NONE}. */
    public static HttpApi start(
            String host, int port, PrometheusMeterRegistry registry, BooleanSupplier healthy, WebConfig web)
            throws IOException {
        InetSocketAddress address = new InetSocketAddress(host, port);
        HttpServer server;
        SSLContext peerTls = null;
        ReloadingTrustManager clientCas = null;
        if (web.tls() != null) {
            // Read (and the key checked against its certificate) before the port is bound: a wrong pair refuses.
            // One key manager for both sides: the files are read, and read again, once.
            ReloadingKeyManager keys = new ReloadingKeyManager(web.tls());
            clientCas = web.tls().clientCaFile() == null
                    ? null
                    : new ReloadingTrustManager(web.tls().clientCaFile());
            SSLContext serverTls = PemTls.server(web.tls(), keys, clientCas);
            peerTls = PemTls.peerClient(web.tls(), keys);
            HttpsServer https = HttpsServer.create(address, 0);
            https.setHttpsConfigurator(configurator(serverTls, web.tls()));
            server = https;
        } else {
            server = HttpServer.create(address, 0);
        }
        ExecutorService executor = threadPerConnection(server, "cellwatch-http-");
        BcryptUsers users = null;
        if (web.authenticates()) {
            users = web.source() != null ? new BcryptUsers(new ReloadingUsers(web)) : new BcryptUsers(web.users());
        }
        HttpApi api = new HttpApi(server, executor, users, peerTls, clientCas);
        api.route("/metrics", exchange -> scrape(exchange, registry));
        api.routeHealth(healthy);
        server.start();
        LOG.info(
                "HTTP endpoint on {}://{}:{}/metrics{}",
                api.scheme(),
                host,
                api.port(),
                web.authenticates() ? " (basic auth)" : "");
        return api;
    }

    /**
     * Answers {@code /health}, and nothing else, on a port of its own: plain HTTP, no credentials. For
     * Kubernetes probes and load balancers where the endpoint asks for a password or a client
     * certificate ({@code --web-config}), which a kubelet cannot give: {@code UP} or {@code DOWN} tells a
     * caller nothing about the cells.
     */
    public static HttpApi healthOnly(String host, int port, BooleanSupplier healthy) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
        HttpApi api = new HttpApi(server, threadPerConnection(server, "cellwatch-health-"), null, null, null);
        api.routeHealth(healthy);
        server.start();
        LOG.info("/health alone on http://{}:{}/health (no credentials)", host, api.port());
        return api;
    }

    /** A thread per connection being served, at most MAX_CONNECTIONS of them: no handler waits behind another. */
    private static ExecutorService threadPerConnection(HttpServer server, String namePrefix) {
        String threadName = namePrefix + server.getAddress().getPort();
        ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        return executor;
    }

    /** {@code /health}: 200 {@code UP} when {@code healthy} says so, else 503 {@code DOWN}. */
    private void routeHealth(BooleanSupplier healthy) {
        route("/health", exchange -> {
            boolean up = healthy.getAsBoolean();
            respond(exchange, up ? 200 : 503, "text/plain; charset=utf-8", up ? "UP\n" : "DOWN\n");
        });
    }

    private static HttpsConfigurator configurator(SSLContext context, WebConfig.Tls tls) {
        return new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters ssl = context.getDefaultSSLParameters();
                ssl.setProtocols(
                        tls.minVersion().equals("TLSv1.3")
                                ? new String[] {"TLSv1.3"}
                                : new String[] {"TLSv1.3", "TLSv1.2"});
                ssl.setNeedClientAuth(tls.requireClientCert());
                params.setSSLParameters(ssl);
            }
        };
    }

    /**
     * Serves {@code path} (and everything under it) with {@code handler}, behind the web config's
     * authentication. Whatever escapes the handler is logged and answered 500 as JSON; a malformed
     * request (a bad percent-encoding) 400.
     */
    public void route(String path, HttpHandler handler) {
        HttpContext context = server.createContext(path, exchange -> {
            // The exchange closes after the error is written: a try-with-resources would close it first.
            try (exchange) {
                try {
                    if (clientCas != null
                            && exchange instanceof HttpsExchange https
                            && !clientCas.trusts(https.getSSLSession())) {
                        // A connection kept open, or a session resumed, from before a CA left client_ca_file.
                        error(exchange, 403, "the client certificate is not signed by a CA of client_ca_file");
                        return;
                    }
                    handler.handle(exchange);
                } catch (IllegalArgumentException e) {
                    LOG.debug("HTTP {} refused: {}", exchange.getRequestURI(), e.getMessage());
                    error(exchange, 400, "bad request: " + e.getMessage());
                } catch (RuntimeException e) {
                    LOG.warn("HTTP {} failed", exchange.getRequestURI(), e);
                    error(exchange, 500, "internal error");
                }
            }
        });
        if (authenticator != null) {
            context.setAuthenticator(authenticator);
        }
    }

    /** An error as every route answers one: {@code {"status":N,"error":"..."}}. */
    public static void error(HttpExchange exchange, int status, String message) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("error", message);
        respond(exchange, status, JSON_TYPE, JSON.writeValueAsBytes(body));
    }

    /** {@code https} with a web config's TLS, else {@code http}. */
    public String scheme() {
        return server instanceof HttpsServer ? "https" : "http";
    }

    /** How one instance reaches another's endpoint over TLS (null for plain HTTP). */
    public SSLContext peerTls() {
        return peerTls;
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
