package io.cellwatch.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The instance lock keeps a second instance off a state directory while the first lives, in this JVM
 * or another, and a SIGKILLed holder leaves it free: what a restart after a crash relies on.
 */
class InstanceLockTest {

    @Test
    void aSecondInstanceOnTheSameStateDirectoryIsRefusedUntilTheFirstReleases(@TempDir Path stateDir) {
        InstanceLock first = InstanceLock.acquire(stateDir, "cellwatch");

        assertThatThrownBy(() -> InstanceLock.acquire(stateDir, "cellwatch"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(
                        stateDir.resolve("cellwatch.instance.lock").toString())
                .hasMessageContaining("--state-dir");
        // Another application's state beside it is another lock.
        InstanceLock.acquire(stateDir, "other-app").close();

        first.close();
        first.close(); // twice is no error
        InstanceLock.acquire(stateDir, "cellwatch").close();
    }

    @Test
    void aLockHeldByAnotherProcessIsRefusedAndFreedWhenThatProcessIsKilled(@TempDir Path stateDir) throws Exception {
        Process holder = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElse("java"),
                        "-cp",
                        System.getProperty("java.class.path"),
                        Holder.class.getName(),
                        stateDir.toString())
                .redirectErrorStream(true)
                .start();
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("locked");

            assertThatThrownBy(() -> InstanceLock.acquire(stateDir, "cellwatch"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("another cellwatch streams instance");

            holder.destroyForcibly(); // SIGKILL: no shutdown hook releases anything
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
            InstanceLock.acquire(stateDir, "cellwatch").close();
        } finally {
            holder.destroyForcibly();
        }
    }

    /** A JVM that takes the lock, says so, and waits to be killed. */
    public static final class Holder {
        public static void main(String[] args) throws InterruptedException {
            InstanceLock lock = InstanceLock.acquire(Path.of(args[0]), "cellwatch");
            System.out.println("locked");
            System.out.flush();
            Thread.sleep(60_000);
            lock.close();
        }
    }
}
