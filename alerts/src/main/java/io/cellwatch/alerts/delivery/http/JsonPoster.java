package io.cellwatch.alerts.delivery.http;

import io.cellwatch.alerts.delivery.ReceiverRefusal;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** POSTs JSON to a receiver; anything but a 2xx answer is a failure, described without the URL's secrets. */
public final class JsonPoster {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final int BODY_EXCERPT = 200;
    /** How long an error answer's body is waited for, for its excerpt. */
    private static final Duration EXCERPT_WAIT = Duration.ofSeconds(1);

    private final HttpClient client;

    public JsonPoster() {
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * @throws ReceiverException when the receiver is unreachable or answered other than 2xx
     */
    public void post(HttpEndpoint endpoint, URI target, byte[] json) throws ReceiverException, InterruptedException {
        post(endpoint, target, json, Map.of());
    }

    /**
     * With headers of this request's own (after the endpoint's configured ones, which they do not replace).
     *
     * @throws ReceiverException when the receiver is unreachable or answered other than 2xx
     */
    public void post(HttpEndpoint endpoint, URI target, byte[] json, Map<String, String> headers)
            throws ReceiverException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("User-Agent", "cellwatch-alerts")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json));
        endpoint.headers().forEach(request::header);
        headers.forEach((name, value) -> {
            if (endpoint.headers().keySet().stream().noneMatch(name::equalsIgnoreCase)) {
                request.header(name, value);
            }
        });
        // The client's request timeout ends once the headers came (JDK-8258397), and a body read whole has no
        // bound: a proxy that answers 200 and then stalls would hold this receiver's queue for ever. So the
        // body is a stream, never waited for on success, and only glanced at for an error's excerpt.
        HttpResponse<InputStream> response;
        CompletableFuture<HttpResponse<InputStream>> pending =
                client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        try {
            response = pending.get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            abandon(pending);
            throw noAnswer(endpoint);
        } catch (ExecutionException e) {
            throw failed(endpoint, e.getCause());
        } catch (InterruptedException e) {
            abandon(pending);
            throw e;
        }
        judge(endpoint, response.statusCode(), response.body());
    }

    /**
     * Whether the receiver accepted, from the status alone: a 2xx is, anything else is not, whatever its
     * body does. The body is closed; an error's is glanced at for an excerpt, and one that cannot be read
     * (the connection reset after the status line) has none.
     *
     * @throws ReceiverException for any status but 2xx
     */
    static void judge(HttpEndpoint endpoint, int status, InputStream body) throws ReceiverException {
        String excerpt = "";
        try (body) {
            if (status / 100 != 2) {
                excerpt = excerpt(body);
            }
        } catch (IOException e) {
            // no excerpt
        }
        if (status / 100 != 2) {
            throw new ReceiverException(
                    endpoint.redacted() + ": HTTP " + status + (excerpt.isEmpty() ? "" : " " + excerpt),
                    ReceiverRefusal.forGood(status));
        }
    }

    /** Gives up a request: cancelled, or, where its answer came just as it was given up, that answer's body closed. */
    private static void abandon(CompletableFuture<HttpResponse<InputStream>> pending) {
        if (!pending.cancel(true)) {
            pending.thenAccept(answered -> {
                try {
                    answered.body().close();
                } catch (IOException e) {
                    // closing only
                }
            });
        }
    }

    private static ReceiverException noAnswer(HttpEndpoint endpoint) {
        return new ReceiverException(endpoint.redacted() + ": no answer within " + REQUEST_TIMEOUT.toSeconds() + " s");
    }

    private static ReceiverException failed(HttpEndpoint endpoint, Throwable cause) {
        if (cause instanceof HttpTimeoutException) {
            return noAnswer(endpoint);
        }
        if (cause instanceof ConnectException) {
            return new ReceiverException(endpoint.redacted() + ": connection refused or unreachable");
        }
        // Exception texts of the HTTP client can carry the full URI: only the type is kept.
        return new ReceiverException(
                endpoint.redacted() + ": " + cause.getClass().getSimpleName());
    }

    /**
     * The start of an error answer's body, as much of it as has come within {@link #EXCERPT_WAIT}: bounded in
     * bytes and in time, without blocking on a body that stalls.
     */
    private static String excerpt(InputStream body) throws IOException {
        byte[] buffer = new byte[BODY_EXCERPT * 4];
        int read = 0;
        long deadline = System.nanoTime() + EXCERPT_WAIT.toNanos();
        while (read < buffer.length && System.nanoTime() < deadline) {
            int available = body.available();
            if (available > 0) {
                int n = body.read(buffer, read, Math.min(available, buffer.length - read));
                if (n < 0) {
                    break;
                }
                read += n;
            } else if (read > 0) {
                break; // what came with the answer; the rest is not waited for
            } else {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        String text = new String(buffer, 0, read, StandardCharsets.UTF_8).strip();
        return text.length() > BODY_EXCERPT ? text.substring(0, BODY_EXCERPT) + "…" : text;
    }

    /** A receiver did not accept a delivery; the message is safe to log. */
    public static final class ReceiverException extends ReceiverRefusal {
        public ReceiverException(String message) {
            this(message, false);
        }

        public ReceiverException(String message, boolean forGood) {
            super(message, forGood);
        }
    }
}
