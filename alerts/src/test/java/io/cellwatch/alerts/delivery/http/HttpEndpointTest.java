package io.cellwatch.alerts.delivery.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpEndpointTest {

    @Test
    void userAndPasswordBecomeABasicHeaderAndLeaveTheUrl() {
        HttpEndpoint endpoint = HttpEndpoint.parse("alertmanager URL 1", "http://ops:s3cr%40t@am.lab:9093", Map.of());

        assertThat(endpoint.uri().toString()).isEqualTo("http://am.lab:9093");
        assertThat(endpoint.headers())
                .containsEntry(
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString("ops:s3cr@t".getBytes(StandardCharsets.UTF_8)));
        assertThat(endpoint.redacted()).isEqualTo("http://am.lab:9093");
    }

    @Test
    void aTokensPercentEncodingIsSentAsWritten() {
        // A SAS or base64 token: %2B is '+', %3D '=', %26 '&'; decoded and encoded again they would be others.
        HttpEndpoint endpoint = HttpEndpoint.parse(
                "webhook 1", "https://ops:pw@hooks.example.org/api/h%2Fk?token=ab%2Bcd%3D&x=%26y", Map.of());

        assertThat(endpoint.uri().toString()).isEqualTo("https://hooks.example.org/api/h%2Fk?token=ab%2Bcd%3D&x=%26y");
        assertThat(endpoint.uri().getRawQuery()).isEqualTo("token=ab%2Bcd%3D&x=%26y");
    }

    @Test
    void theRedactedFormKeepsNoPathQueryOrHeaderValue() {
        HttpEndpoint endpoint = HttpEndpoint.parse(
                "webhook 1",
                "https://chat.example.org/hooks/T000/B000/XXXXSECRET?token=abc",
                Map.of("X-Api-Key", "key-SECRET"));

        assertThat(endpoint.redacted()).isEqualTo("https://chat.example.org/…");
        assertThat(endpoint.toString()).doesNotContain("SECRET", "token", "hooks");
        assertThat(endpoint.uri().toString()).endsWith("/hooks/T000/B000/XXXXSECRET?token=abc");
    }

    @Test
    void anApiPathIsAppendedToABasePath() {
        assertThat(HttpEndpoint.parse("am", "http://h:9093/alertmanager/", Map.of())
                        .resolve("/api/v2/alerts")
                        .toString())
                .isEqualTo("http://h:9093/alertmanager/api/v2/alerts");
        assertThat(HttpEndpoint.parse("am", "http://h:9093", Map.of())
                        .resolve("/api/v2/alerts")
                        .toString())
                .isEqualTo("http://h:9093/api/v2/alerts");
    }

    @Test
    void aBadUrlIsNamedByItsRoleNotByItsText() {
        assertThatThrownBy(() -> HttpEndpoint.parse("--webhook-url", "ftp://user:SECRET@host/x", Map.of()))
                .hasMessage("--webhook-url: URL must start with http:// or https://");
        assertThatThrownBy(() -> HttpEndpoint.parse("--webhook-url", "http://exa mple/SECRET", Map.of()))
                .hasMessageStartingWith("--webhook-url: not a valid URL")
                .hasMessageNotContaining("SECRET");
        assertThatThrownBy(() -> HttpEndpoint.parse("--alertmanager-url", " ", Map.of()))
                .hasMessage("--alertmanager-url: URL is missing");
    }

    @Test
    void aHeaderTheHttpClientWouldRefuseAtEveryDeliveryIsRefusedWhenReadWithoutItsValue() {
        assertThatThrownBy(() -> HttpEndpoint.parse(
                        "receiver 'chat'", "https://chat.lab/hook", Map.of("Authorization", "Bearer SECRET\n")))
                .hasMessageContaining("receiver 'chat': header 'Authorization' cannot be sent")
                .hasMessageNotContaining("SECRET");
        assertThatThrownBy(() -> HttpEndpoint.parse("receiver 'chat'", "https://chat.lab/hook", Map.of("Host", "x")))
                .hasMessageContaining("header 'Host' cannot be sent");
        assertThat(HttpEndpoint.parse("receiver 'chat'", "https://chat.lab/hook", Map.of("X-Token", "abc"))
                        .headers())
                .containsEntry("X-Token", "abc");
    }
}
