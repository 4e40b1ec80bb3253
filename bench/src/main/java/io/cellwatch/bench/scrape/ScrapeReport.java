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
 *
 * <p>Beside the wall-clock times, the CPU time of the whole JVM (server and client together) each
 * kind of fetch took, summed over the rounds: on a machine shared with other work, wall-clock
 * ratios swing with how many cores the benchmark got at each moment; CPU-time ratios much less.
 */
public final class ScrapeReport {
    private static final int WARMUP_ROUNDS = 5;

    /**
     * One fleet's figures: times in milliseconds; CPU: milliseconds of the JVM's CPU time per fetch,
     * mean over the rounds (scrape, then the same bytes from memory).
     */
    public record Figures(
            int channels,
            long series,
            long textBytes,
            long gzipBytes,
            Paired text,
            Paired gzip,
            CpuTime textCpu,
            CpuTime gzipCpu,
            double renderMs,
            double deflateMs,
            String load) {}

    /** CPU time a kind of fetch took, summed over rounds, beside its floor's. */
    public static final class CpuTime {
        private long figureNs;
        private long baselineNs;
        private int rounds;

        void add(long figure, long baseline) {
            figureNs += figure;
            baselineNs += baseline;
            rounds++;
        }

        /** Mean CPU milliseconds per fetch. */
        public double figureMs() {
            return figureNs / 1e6 / rounds;
        }

        public double baselineMs() {
            return baselineNs / 1e6 / rounds;
        }

        /** Total CPU of the fetches over total CPU of their floors. */
        public double ratio() {
            return (double) figureNs / baselineNs;
        }
    }

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
            CpuTime textCpu = new CpuTime();
            CpuTime gzipCpu = new CpuTime();
            List<Double> render = new ArrayList<>();
            List<Double> deflate = new ArrayList<>();
            long[] gzipBytes = {0};
            for (int round = -WARMUP_ROUNDS; round < rounds; round++) {
                long cpu0 = Machine.processCpuNanos();
                double scrapeText = timeMs(() -> fetch(base + "/metrics", false));
                long cpu1 = Machine.processCpuNanos();
                double memoryText = timeMs(() -> fetch(base + "/from-memory", false));
                long cpu2 = Machine.processCpuNanos();
                double scrapeGzip = timeMs(() -> gzipBytes[0] = fetch(base + "/metrics", true));
                long cpu3 = Machine.processCpuNanos();
                double memoryGzip = timeMs(() -> fetch(base + "/from-memory-gzip", true));
                long cpu4 = Machine.processCpuNanos();
                double renderOnly = timeMs(fleet::render);
                double deflateOnly = timeMs(() -> ScrapeFleet.deflate(scraped));
                if (round >= 0) {
                    text.add(scrapeText, memoryText);
                    gzip.add(scrapeGzip, memoryGzip);
                    textCpu.add(cpu1 - cpu0, cpu2 - cpu1);
                    gzipCpu.add(cpu3 - cpu2, cpu4 - cpu3);
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
                    textCpu,
                    gzipCpu,
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
        out.println("The same fetches in CPU time of the JVM (server and client; mean ms per fetch over the rounds,"
                + " x = total over total; Linux counts it in 10 ms ticks)");
        out.printf(
                Locale.ROOT,
                "%9s | %9s %9s %6s | %9s %9s %6s%n",
                "channels",
                "text cpu",
                "memory",
                "x",
                "gzip cpu",
                "gzip-1",
                "x");
        for (Figures f : figures) {
            out.printf(
                    Locale.ROOT,
                    "%9d | %9.1f %9.1f %6.2f | %9.1f %9.1f %6.2f%n",
                    f.channels(),
                    f.textCpu().figureMs(),
                    f.textCpu().baselineMs(),
                    f.textCpu().ratio(),
                    f.gzipCpu().figureMs(),
                    f.gzipCpu().baselineMs(),
                    f.gzipCpu().ratio());
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
