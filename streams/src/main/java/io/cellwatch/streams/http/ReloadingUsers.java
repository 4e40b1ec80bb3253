package io.cellwatch.streams.http;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The users of {@code basic_auth_users}, read again when the web config file changes, as the exporter
 * toolkit reads the file for every request: a leaked password is changed, or a user removed, on every
 * instance without restarting them (a Kubernetes Secret mounted as a file is updated in place). Looked
 * at once a second at most, on a request.
 *
 * <p>Only the users change live. A file that no longer names any user would turn authentication off,
 * and one whose {@code tls_server_config} changed would change how the port is served: both wait for a
 * restart (said in a WARN line), and the users in use stay in the first case. A file that does not read
 * leaves the users in use (a WARN line), until it changes again.
 */
final class ReloadingUsers implements Supplier<Map<String, String>> {
    private static final Logger LOG = LoggerFactory.getLogger(ReloadingUsers.class);

    private final WebConfig started;
    private final FileChangeCheck file;
    private volatile Map<String, String> users;

    /** @param started the web config the endpoint started with, read from {@link WebConfig#source()} */
    ReloadingUsers(WebConfig started) {
        Objects.requireNonNull(started.source(), "a web config read from a file");
        this.started = started;
        this.file = new FileChangeCheck(started.source());
        // The file was read before the endpoint started (Kafka and the topics came in between): the first
        // look reads it again, so a change made meanwhile is not missed until the next one.
        this.file.retry();
        this.users = started.users();
    }

    @Override
    public Map<String, String> get() {
        if (file.changed()) {
            reload();
        }
        return users;
    }

    private void reload() {
        Path source = started.source();
        WebConfig read;
        try {
            read = WebConfig.read(source);
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("{} changed but cannot be read ({}): the users in use stay", source, e.getMessage());
            return;
        }
        if (!Objects.equals(read.tls(), started.tls())) {
            LOG.warn("{}: tls_server_config changed; it applies when the process restarts", source);
        }
        if (!read.authenticates()) {
            LOG.warn("{} names no user now: turning authentication off needs a restart; the users in use stay", source);
            return;
        }
        if (!read.users().equals(users)) {
            users = read.users();
            LOG.info("{} changed: {} user(s) now", source, users.size());
        }
    }
}
