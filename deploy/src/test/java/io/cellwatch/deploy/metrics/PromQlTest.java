package io.cellwatch.deploy.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PromQlTest {

    @Test
    void findsTheMetricsAnExpressionSelectsAndNothingElse() {
        assertThat(PromQl.metricNames("cellwatch_cell_voltage_volts{channel=\"$channel\"}"))
                .containsExactly("cellwatch_cell_voltage_volts");
        assertThat(PromQl.metricNames("sum by (kind, severity) (increase(cellwatch_alerts_total[1h]))"))
                .containsExactly("cellwatch_alerts_total");
        assertThat(PromQl.metricNames("count(min by (channel) (cellwatch_cell_last_sample_age_seconds) <= 900 "
                        + "unless on (channel) (max by (channel) (cellwatch_cell_alert_severity) > 0)) or vector(0)"))
                .containsExactly("cellwatch_cell_last_sample_age_seconds", "cellwatch_cell_alert_severity");
        assertThat(PromQl.metricNames("rate(x_total[5m] offset 1h) / ignoring(stage) group_left rate(y_total[5m:1m])"))
                .containsExactly("x_total", "y_total");
        assertThat(PromQl.metricNames("label_replace(up{job=\"a\"}, \"dst\", \"$1\", \"src\", \"(.*)\") > bool 1e3"))
                .containsExactly("up");
        assertThat(PromQl.metricNames("{__name__=\"cellwatch_channels\", instance=~\".+\"}"))
                .containsExactly("cellwatch_channels");
        assertThat(PromQl.metricNames("time() - max(cellwatch_cell_cycle) @ end() and on() vector(1)"))
                .containsExactly("cellwatch_cell_cycle");
        assertThat(PromQl.metricNames("sum(rate(a[$__rate_interval])) without (b) + c:recorded:rate5m"))
                .containsExactly("a", "c:recorded:rate5m");
        assertThat(PromQl.metricNames("max by (channel) (cellwatch_cell_alert_severity) * on (channel) group_left "
                        + "(cell_type, chemistry) topk by (channel) (1, cellwatch_channel_info)"))
                .containsExactly("cellwatch_cell_alert_severity", "cellwatch_channel_info");
    }

    @Test
    void aRegularExpressionNameMatcherIsOneSelectorToSatisfy() {
        assertThat(PromQl.metricSelectors(
                        "sum by (job) (rate({__name__=~\"a_total|b_total\"}[5m])) " + "> 0.1 * sum(rate(c_total[5m]))"))
                .containsExactly("{__name__=\"c_total\"}", "{__name__=~\"a_total|b_total\"}");
        assertThat(PromQl.metricSelectors("up")).containsExactly("{__name__=\"up\"}");
    }

    @Test
    void substitutesGrafanaVariablesBothWays() {
        assertThat(PromQl.substitute(
                        "x{topic=\"${topic_prefix}samples\", c=\"$channel\", d=\"$channel_b\"}",
                        Map.of("topic_prefix", "cellwatch.", "channel", "li-in", "channel_b", "other")))
                .isEqualTo("x{topic=\"cellwatch.samples\", c=\"li-in\", d=\"other\"}");
    }
}
