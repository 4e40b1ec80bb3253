package io.cellwatch.bench.scrape;

import io.cellwatch.bench.Machine;
import io.cellwatch.bench.Paired;
import io.cellwatch.streams.http.HttpApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a Prometheus scrape of {@code /metrics} costs at 100, 1,000 and 10,000 channels, each against
 * its floor in the same run: the same bytes served from memory by the same HTTP server (text), and
 * the same bytes gzip-compressed at the fastest level on the way out (gzip, as Prometheus asks for
 * it). Scrape and floor are fetched alternately over loopback by a client that reads every byte, as
 * Prometheus would (the gzipped body is not inflated: that is Prometheus' work). The render alone
 * (into a discarding stream) and gzip-1 alone (from a byte array) are printed beside, in memory.
 */
public final class ScrapeReport {
    private static final int WARMUP_ROUNDS = 5;

    /** One fleet's figures: times in milliseconds. */
    public record Figures(
            int channels,
            long series,
            long textBytes,
            long gzipBytes,
            Paired text,
            Paired gzip,
            double renderMs,
            double deflateMs,
            String load) {}

    private ScrapeReport() {}

    public static List<Figures> measure(List<Integer> fleetSizes, int rounds) throws IOException {
        List<Figures> all = new ArrayList<>();
        for (int channels : fleetSizes) {
            all.add(measure(channels, rounds));
        }
        return all;
    }

    static Figures measure(int channels, int rounds) throws IOException {
        ScrapeFleet fleet = new ScrapeFleet(channels);
        byte[] scraped = fleet.scrapeText();
        try (HttpApi http = HttpApi.start("127.0.0.1", 0, fleet.registry(), () -> true)) {
            http.route("/from-memory", exchange -> {
                exchange.sendResponseHeaders(200, 0);
                try (OutputStream body = exchange.getResponseBody()) {
                    body.write(scraped);
                }
            });
            http.route("/from-memory-gzip", exchange -> {
                exchange.getResponseHeaders().set("Content-Encoding", "gzip");
                exchange.sendResponseHeaders(200, 0);
                try (OutputStream body = HttpApi.gzip(exchange.getResponseBody())) {
                    body.write(scraped);
                }
            });
            String base = "http://127.0.0.1:" + http.port();
            Paired text = new Paired();
            Paired gzip = new Paired();
            List<Double> render = new ArrayList<>();
            List<Double> deflate = new ArrayList<>();
            long[] gzipBytes = {0};
            for (int round = -WARMUP_ROUNDS; round < rounds; round++) {
                double scrapeText = timeMs(() -> fetch(base + "/metrics", false));
                double memoryText = timeMs(() -> fetch(base + "/from-memory", false));
                double scrapeGzip = timeMs(() -> gzipBytes[0] = fetch(base + "/metrics", true));
                double memoryGzip = timeMs(() -> fetch(base + "/from-memory-gzip", true));
                double renderOnly = timeMs(fleet::render);
                double deflateOnly = timeMs(() -> ScrapeFleet.deflate(scraped));
                if (round >= 0) {
                    text.add(scrapeText, memoryText);
                    gzip.add(scrapeGzip, memoryGzip);
                    render.add(renderOnly);
                    deflate.add(deflateOnly);
                }
            }
            return new Figures(
                    channels,
                    fleet.series(),
                    scraped.length,
                    gzipBytes[0],
                    text,
                    gzip,
                    Paired.median(render),
                    Paired.median(deflate),
                    Machine.load());
        }
    }

    public static void print(List<Figures> figures, PrintStream out) {
        out.println("Scrape of /metrics over loopback HTTP (median of rounds; x = scrape / same bytes from memory,"
                + " per round, then median)");
        out.printf(
                Locale.ROOT,
                "%9s %8s %11s %10s | %9s %9s %6s %11s | %9s %9s %6s %11s | %9s %9s | %s%n",
                "channels",
                "series",
                "text bytes",
                "gzip bytes",
                "text ms",
                "memory ms",
                "x",
                "x range",
                "gzip ms",
                "gzip-1 ms",
                "x",
                "x range",
                "render ms",
                "deflate ms",
                "load (1/5/15 min)");
        for (Figures f : figures) {
            out.printf(
                    Locale.ROOT,
                    "%9d %8d %11d %10d | %9.1f %9.1f %6.2f %11s | %9.1f %9.1f %6.2f %11s | %9.1f %9.1f | %s%n",
                    f.channels(),
                    f.series(),
                    f.textBytes(),
                    f.gzipBytes(),
                    f.text().figure(),
                    f.text().baseline(),
                    f.text().ratio(),
                    f.text().ratioRange(),
                    f.gzip().figure(),
                    f.gzip().baseline(),
                    f.gzip().ratio(),
                    f.gzip().ratioRange(),
                    f.renderMs(),
                    f.deflateMs(),
                    f.load());
        }
    }

    /** Fetches a URL, reading the body to its end; returns the bytes read (compressed when asked for gzip). */
    static long fetch(String url, boolean gzip) throws IOException {
        HttpURLConnection connection =
                (HttpURLConnection) URI.create(url).toURL().openConnection();
        if (gzip) {
            connection.setRequestProperty("Accept-Encoding", "gzip");
        }
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try (InputStream in = connection.getInputStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                total += n;
            }
        }
        return total;
    }

    @FunctionalInterface
    interface Work {
        Object run() throws IOException;
    }

    static double timeMs(Work work) throws IOException {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e6;
    }
}
