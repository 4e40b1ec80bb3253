package io.cellwatch.alerts.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cellwatch.alerts.config.ReceiversFile.ReceiversFileException;
import io.cellwatch.model.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReceiversFileTest {
    @TempDir
    Path dir;

    private final Map<String, String> env = Map.of("CHAT_TOKEN", "tok-SECRET", "AM_TOKEN", "am-SECRET");

    private Path write(String yaml) throws Exception {
        Path file = dir.resolve("receivers.yml");
        Files.writeString(file, yaml);
        return file;
    }

    private ReceiversConfig load(String yaml) throws Exception {
        return ReceiversFile.load(write(yaml), env::get);
    }

    @Test
    void everyReceiverKindIsRead() throws Exception {
        ReceiversConfig config = load("""
                alertmanager:
                  urls: [http://am-1:9093, http://am-2:9093]
                  resendIntervalSeconds: 30
                  headers: {Authorization: "Bearer ${AM_TOKEN}"}
                  labels: {lab: battery-3}
                webhooks:
                  - name: lab-chat
                    url: https://chat.example.org/hooks/${CHAT_TOKEN}
                  - url: http://127.0.0.1:8000/cellwatch   # a name is optional
                pause:
                  severity: critical
                """);

        assertThat(config.alertmanager().urls()).containsExactly("http://am-1:9093", "http://am-2:9093");
        assertThat(config.alertmanager().resendIntervalSeconds()).isEqualTo(30);
        assertThat(config.alertmanager().headers()).containsEntry("Authorization", "Bearer am-SECRET");
        assertThat(config.alertmanager().labels()).containsEntry("lab", "battery-3");
        assertThat(config.webhooks()).hasSize(2);
        assertThat(config.webhooks().get(0).url()).isEqualTo("https://chat.example.org/hooks/tok-SECRET");
        assertThat(config.webhooks().get(1).name()).isNull();
        assertThat(config.pause().severity()).isEqualTo(Severity.CRITICAL);
        assertThat(config.toString()).doesNotContain("SECRET", "chat.example.org", "am-1");
    }

    @Test
    void flagsAddToTheFile() throws Exception {
        ReceiversConfig config =
                load("""
                alertmanager:
                  urls: [http://am-1:9093]
                webhooks:
                  - url: http://a/1
                """).withFlags(List.of("http://am-2:9093"), List.of("http://b/2"), Severity.WARNING);

        assertThat(config.alertmanager().urls()).containsExactly("http://am-1:9093", "http://am-2:9093");
        assertThat(config.webhooks())
                .extracting(ReceiversConfig.WebhookReceiver::url)
                .containsExactly("http://a/1", "http://b/2");
        assertThat(config.pause().severity()).isEqualTo(Severity.WARNING);
    }

    @Test
    void aMisspelledFieldIsNamedWithItsLine() throws Exception {
        Path file = write("""
                webhooks:
                  - name: lab-chat
                    url: http://a/1
                    haeders: {X-Api-Key: abc}
                """);

        assertThatThrownBy(() -> ReceiversFile.load(file, env::get))
                .isInstanceOf(ReceiversFileException.class)
                .hasMessageStartingWith(file + ":4: field 'webhooks[0].haeders': unknown field 'haeders'")
                .hasMessageContaining("known: headers, name, url");
    }

    @Test
    void aMissingUrlIsNamed() throws Exception {
        Path file = write("""
                webhooks:
                  - name: lab-chat
                """);

        assertThatThrownBy(() -> ReceiversFile.load(file, env::get))
                .hasMessageStartingWith(file + ":")
                .hasMessageContaining("field 'webhooks[0]'")
                .hasMessageContaining("url: a webhook needs a URL");
    }

    @Test
    void aWrongSeverityIsNamedWithoutEchoingTheValue() throws Exception {
        Path file = write("""
                pause:
                  severity: panic
                """);

        assertThatThrownBy(() -> ReceiversFile.load(file, env::get))
                .hasMessage(file + ":2: field 'pause.severity': must be warning or critical");
    }

    @Test
    void aWrongTypeIsNamed() throws Exception {
        Path file = write("""
                alertmanager:
                  urls: [http://am:9093]
                  resendIntervalSeconds: often
                """);

        assertThatThrownBy(() -> ReceiversFile.load(file, env::get))
                .hasMessage(file + ":3: field 'alertmanager.resendIntervalSeconds': must be a whole number");
    }

    @Test
    void anUnsetVariableIsNamedWithItsLine() throws Exception {
        Path file = write("""
                webhooks:
                  - url: http://a/${NOT_SET}
                """);

        assertThatThrownBy(() -> ReceiversFile.load(file, env::get))
                .hasMessage(file + ":2: environment variable NOT_SET is not set");
    }

    @Test
    void aDoubledDollarWritesALiteralPlaceholder() throws Exception {
        ReceiversConfig config = load("""
                webhooks:
                  - url: http://a/1
                    headers: {X-Template: "$${literal}"}
                """);

        assertThat(config.webhooks().get(0).headers()).containsEntry("X-Template", "${literal}");
    }

    @Test
    void brokenYamlAndEmptyFilesAreErrorsNamingTheFile() throws Exception {
        Path broken = write("webhooks: [\n  - url: x\n");
        assertThatThrownBy(() -> ReceiversFile.load(broken, env::get))
                .hasMessageStartingWith(broken + ":")
                .hasMessageContaining("not valid YAML");

        Path empty = dir.resolve("empty.yml");
        Files.writeString(empty, "# nothing yet\n");
        assertThatThrownBy(() -> ReceiversFile.load(empty, env::get)).hasMessageStartingWith(empty + ": ");

        assertThatThrownBy(() -> ReceiversFile.load(dir.resolve("missing.yml"), env::get))
                .hasMessage(dir.resolve("missing.yml") + ": no such file");
    }
}
