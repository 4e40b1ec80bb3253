package io.cellwatch.deploy.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cellwatch.deploy.broker.LoopbackPorts;
import io.cellwatch.deploy.metrics.DemoProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live page in a real browser against the running demo (the packaged launcher in its own JVM):
 * headless Chromium loads the fleet and the Li-In channel, their DOM is read once the page's
 * scripts have fetched and drawn, and screenshots of both are saved under {@code target/live-page/}.
 * The soft-short marker of the Li-In channel must stand on the cycle its alert names, at the same
 * x as that cycle's point in the capacity chart.
 */
class LivePageIT {
    private static final String LI_IN = "sim-li-in-short-01";
    private static final String KIND = "soft_short_capacity_divergence";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path work;

    @Test
    void theFleetAndTheLiInChannelShowTheAlertMarkerOnTheCycleTheAlertNames() throws Exception {
        Optional<HeadlessChromium> found = HeadlessChromium.find(work);
        assumeTrue(found.isPresent(), "needs Chromium (Debian: apt-get install chromium); .ci/run installs it");
        HeadlessChromium chromium = found.get();
        Path shots = DemoProcess.launcherJar().getParent().resolve("live-page");

        int[] ports = LoopbackPorts.free(3);
        try (DemoProcess demo =
                DemoProcess.start(DemoProcess.launcherJar(), work.resolve("demo"), ports[0], ports[1], ports[2])) {
            JsonNode alert = awaitFirstSoftShortAlert(demo);
            int cycle = alert.get("cycleIndex").asInt();

            String channelPage = demo.url("/#/channel/" + LI_IN);
            String dom = chromium.dumpDom(channelPage);
            String capacity = element(dom, "<svg id=\"capacity-chart\"", "</svg>");
            Matcher marker = Pattern.compile("<g class=\"alert-marker (\\w+)\" data-cycle=\"(\\d+)\" data-kind=\""
                            + KIND + "\" data-x=\"([\\d.]+)\">")
                    .matcher(capacity);
            assertThat(marker.find())
                    .as("a %s marker in the capacity chart:%n%s", KIND, capacity)
                    .isTrue();
            assertThat(marker.group(1)).isEqualTo(alert.get("severity").asText());
            assertThat(Integer.parseInt(marker.group(2)))
                    .as("the marker's cycle")
                    .isEqualTo(cycle);
            Matcher point = Pattern.compile("<circle class=\"point\" data-series=\"charge\" data-cycle=\"" + cycle
                            + "\" cx=\"([\\d.]+)\"")
                    .matcher(capacity);
            assertThat(point.find()).as("cycle %d's charge point", cycle).isTrue();
            assertThat(marker.group(3))
                    .as("the marker stands at cycle %d's x", cycle)
                    .isEqualTo(point.group(1));
            // The page reads the cycles whole once and then only the newest at each redraw (the budget of
            // virtual time holds three): every cycle once, none missing, in order.
            Matcher drawn = Pattern.compile("<body[^>]* data-drawn=\"(\\d+)\"").matcher(dom);
            assertThat(drawn.find()).as("the page's redraw count").isTrue();
            assertThat(Integer.parseInt(drawn.group(1))).as("redraws").isGreaterThanOrEqualTo(2);
            Matcher charge = Pattern.compile("data-series=\"charge\" data-cycle=\"(\\d+)\"")
                    .matcher(capacity);
            List<Integer> charted = new ArrayList<>();
            while (charge.find()) {
                charted.add(Integer.parseInt(charge.group(1)));
            }
            assertThat(charted).isNotEmpty();
            for (int i = 1; i < charted.size(); i++) {
                assertThat(charted.get(i))
                        .as("the cycle after %d", charted.get(i - 1))
                        .isEqualTo(charted.get(i - 1) + 1);
            }
            assertThat(element(dom, "<table id=\"alert-history\"", "</table>"))
                    .contains("<td>" + cycle + "</td><td>" + KIND + "</td>")
                    .contains("Soft short suspected");

            String fleetPage = demo.url("/#/");
            String fleet = chromium.dumpDom(fleetPage);
            int channels = get(demo, "/api/channels").size();
            assertThat(channels).isGreaterThanOrEqualTo(50);
            assertThat(countOf(fleet, "<tr class=\"")).as("one row per channel").isEqualTo(channels);
            assertThat(fleet).containsPattern("<tr class=\"(critical|warning)\" data-channel=\"" + LI_IN + "\">");

            Path fleetShot = shots.resolve("fleet.png");
            Path channelShot = shots.resolve("li-in-channel.png");
            chromium.screenshot(fleetPage, fleetShot, 1400, 1000);
            chromium.screenshot(channelPage, channelShot, 1400, 1300);
            for (Path shot : List.of(fleetShot, channelShot)) {
                byte[] png = Files.readAllBytes(shot);
                assertThat(png.length).as("%s", shot).isGreaterThan(20_000);
                assertThat(new String(png, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
            }
            System.out.println("live page screenshots: " + fleetShot + ", " + channelShot);
        }
    }

    /** The Li-In channel's first soft-short event, once the demo has raised it (about a minute at 4000×). */
    private JsonNode awaitFirstSoftShortAlert(DemoProcess demo) {
        try {
            return await().atMost(Duration.ofSeconds(420))
                    .pollInterval(Duration.ofSeconds(2))
                    .until(() -> firstSoftShortAlert(demo), Optional::isPresent)
                    .orElseThrow();
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no " + KIND + " alert on " + LI_IN + " within 420 s:\n" + demo.logTail(), e);
        }
    }

    private Optional<JsonNode> firstSoftShortAlert(DemoProcess demo) throws IOException, InterruptedException {
        JsonNode history = get(demo, "/api/channels/" + LI_IN + "/alerts/history");
        return history == null
                ? Optional.empty()
                : StreamSupport.stream(history.spliterator(), false)
                        .filter(a -> a.get("kind").asText().equals(KIND))
                        .findFirst();
    }

    private JsonNode get(DemoProcess demo, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(demo.url(path))).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
    }

    private static String element(String dom, String start, String end) {
        int from = dom.indexOf(start);
        assertThat(from).as("%s in the page", start).isNotNegative();
        return dom.substring(from, dom.indexOf(end, from) + end.length());
    }

    private static int countOf(String text, String part) {
        List<Integer> at = new ArrayList<>();
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            at.add(i);
        }
        return at.size();
    }
}
