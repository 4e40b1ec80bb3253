package io.cellwatch.deploy.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium, headless, driven from the command line: it loads a page, lets it run for a
 * budget of virtual time (its fetches complete, its timers fire), then prints the DOM or saves a
 * screenshot. Every run gets a new empty profile. The flags are the ones that work in containers
 * without a sandbox, a GPU or a network beyond loopback.
 */
final class HeadlessChromium {
    private static final int BUDGET_MS = 15_000;

    private final Path binary;
    private final Path profiles;
    private int runs;

    private HeadlessChromium(Path binary, Path profiles) {
        this.binary = binary;
        this.profiles = profiles;
    }

    /** Chromium where Debian installs it ({@code CHROMIUM} overrides), if it is there. */
    static Optional<HeadlessChromium> find(Path profiles) {
        String configured = System.getenv("CHROMIUM");
        Path binary = Path.of(configured == null || configured.isBlank() ? "/usr/bin/chromium" : configured);
        return Files.isExecutable(binary) ? Optional.of(new HeadlessChromium(binary, profiles)) : Optional.empty();
    }

    /** The page's DOM once its scripts have run. */
    String dumpDom(String url) throws IOException, InterruptedException {
        return new String(run(List.of("--dump-dom", url)), StandardCharsets.UTF_8);
    }

    /** Saves what the page shows in a window of this size. */
    void screenshot(String url, Path png, int width, int height) throws IOException, InterruptedException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        run(List.of("--window-size=" + width + "," + height, "--screenshot=" + png.toAbsolutePath(), url));
    }

    private byte[] run(List<String> what) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                binary.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--user-data-dir=" + profiles.resolve("profile-" + ++runs),
                "--virtual-time-budget=" + BUDGET_MS));
        command.addAll(what);
        Path log = profiles.resolve("chromium-" + runs + ".log");
        Process process =
                new ProcessBuilder(command).redirectError(log.toFile()).start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("chromium did not finish within 120 s: " + command);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(
                    "chromium exited with " + process.exitValue() + ": " + Files.readString(log));
        }
        return out;
    }
}
