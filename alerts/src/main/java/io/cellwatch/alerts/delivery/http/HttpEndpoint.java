package io.cellwatch.alerts.delivery.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where a receiver listens, with the headers it wants (credentials among them). Its string form is
 * redacted to scheme, host and port: webhook URLs often carry their token in the path or query
 * ({@code /hooks/T000/B000/XXXX}), and user:password in a URL becomes a Basic header, so neither
 * ever reaches a log.
 */
public final class HttpEndpoint {
    private final URI uri;
    private final Map<String, String> headers;
    private final String redacted;

    private HttpEndpoint(URI uri, Map<String, String> headers, String redacted) {
        this.uri = uri;
        this.headers = Map.copyOf(headers);
        this.redacted = redacted;
    }

    /**
     * @param what    what the URL is for, named in errors (e.g. "--webhook-url")
     * @param url     http(s) URL, optionally with user:password
     * @param headers extra request headers, e.g. {@code Authorization}
     * @throws IllegalArgumentException naming {@code what} (never the URL, it may hold a secret)
     */
    public static HttpEndpoint parse(String what, String url, Map<String, String> headers) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException(what + ": URL is missing");
        }
        URI parsed;
        try {
            parsed = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(
                    what + ": not a valid URL (" + e.getReason() + " at index " + e.getIndex() + ")");
        }
        String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException(what + ": URL must start with http:// or https://");
        }
        if (parsed.getHost() == null) {
            throw new IllegalArgumentException(what + ": URL has no host");
        }
        Map<String, String> all = new LinkedHashMap<>();
        if (parsed.getRawUserInfo() != null) {
            all.put(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString(
                                            decode(parsed.getRawUserInfo()).getBytes(StandardCharsets.UTF_8)));
        }
        if (headers != null) {
            headers.forEach((name, value) -> {
                if (name == null || name.isBlank() || value == null) {
                    throw new IllegalArgumentException(what + ": header names and values must not be empty");
                }
                requireSendable(what, name, value);
                all.put(name, value);
            });
        }
        URI withoutUser;
        try {
            // From the raw (still percent-encoded) parts: decoded and encoded again, a token's %2B or %26
            // would come back as '+' or '&', another token, which the receiver refuses.
            withoutUser = new URI(scheme
                    + "://"
                    + parsed.getHost()
                    + (parsed.getPort() >= 0 ? ":" + parsed.getPort() : "")
                    + (parsed.getRawPath() == null ? "" : parsed.getRawPath())
                    + (parsed.getRawQuery() == null ? "" : "?" + parsed.getRawQuery())
                    + (parsed.getRawFragment() == null ? "" : "#" + parsed.getRawFragment()));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(what + ": not a valid URL (" + e.getReason() + ")");
        }
        String hostPort = scheme + "://" + parsed.getHost() + (parsed.getPort() >= 0 ? ":" + parsed.getPort() : "");
        boolean hasMore = (parsed.getPath() != null
                        && !parsed.getPath().isEmpty()
                        && !parsed.getPath().equals("/"))
                || parsed.getQuery() != null;
        return new HttpEndpoint(withoutUser, all, hasMore ? hostPort + "/…" : hostPort);
    }

    /**
     * Refuses, when the receivers are read, a header the JDK's HTTP client would refuse at every delivery:
     * a name it reserves ({@code Host}, {@code Connection}, ...) or a value with a character it cannot send
     * (a control character, a newline pasted with a token). Its message quotes the value, which may be a
     * secret, so only the header's name is said.
     */
    private static void requireSendable(String what, String name, String value) {
        try {
            HttpRequest.newBuilder(URI.create("http://localhost/")).header(name, value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": header '" + name
                    + "' cannot be sent (a name the HTTP client reserves, or a value with a control character)");
        }
    }

    private static String decode(String userInfo) {
        return java.net.URLDecoder.decode(userInfo.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    public URI uri() {
        return uri;
    }

    /** {@code path} appended to this endpoint's path (for an API under a base URL). */
    public URI resolve(String path) {
        String base = uri.toString();
        return URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) + path : base + path);
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** Scheme, host and port only: safe to log. */
    public String redacted() {
        return redacted;
    }

    @Override
    public String toString() {
        return redacted;
    }
}
