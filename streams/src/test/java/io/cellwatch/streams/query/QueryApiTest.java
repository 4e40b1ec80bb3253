package io.cellwatch.streams.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.WireCodec;
import io.cellwatch.streams.http.Router;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryApiTest {

    @Test
    void pathSegmentsArePercentDecodedAndAPlusStaysAPlus() {
        assertThat(Router.segments("/api/channels/Arbin%2F7%20ch+12/cycles.csv"))
                .containsExactly("api", "channels", "Arbin/7 ch+12", "cycles.csv");
        assertThat(Router.segments("/api//alerts/")).containsExactly("api", "alerts");
    }

    @Test
    void cyclesAreServedInTheCyclesTopicsOwnEncoding() {
        CycleSummary first = CycleCsvTest.cycle(890, 2.77e-3, 2.767e-3, 0.9989);
        CycleSummary open = CycleCsvTest.cycle(891, 2.9e-3, 0.0, null);
        String json = QueryApi.cyclesJson(List.of(first, open));
        assertThat(json)
                .isEqualTo(
                        "[" + WireCodec.CYCLE_SUMMARY.toJson(first) + "," + WireCodec.CYCLE_SUMMARY.toJson(open) + "]");
        assertThat(QueryApi.cyclesJson(List.of())).isEqualTo("[]");
    }
}
