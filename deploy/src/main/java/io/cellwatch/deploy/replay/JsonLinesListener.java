package io.cellwatch.deploy.replay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.cellwatch.model.Alert;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.streams.replay.OfflinePipeline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Map;

/**
 * Writes replay results as JSON lines: one {@code "type":"cycle"} object per cycle summary and one
 * {@code "type":"alert"} object per alert event, in the order they happen. Easy to grep, to load
 * into pandas ({@code read_json(lines=True)}) or to pipe into jq.
 */
public final class JsonLinesListener implements OfflinePipeline.Listener, AutoCloseable {
    private final JsonGenerator json;

    public JsonLinesListener(Writer out) throws IOException {
        this.json = new JsonFactory().createGenerator(out);
        this.json.setRootValueSeparator(null);
    }

    @Override
    public void onCycle(CycleSummary c) {
        try {
            json.writeStartObject();
            json.writeStringField("type", "cycle");
            json.writeStringField("channel", c.channelId());
            json.writeNumberField("cycle", c.cycleIndex());
            json.writeNumberField("chargeAh", c.chargeAh());
            json.writeNumberField("dischargeAh", c.dischargeAh());
            json.writeNumberField("chargeWh", c.chargeWh());
            json.writeNumberField("dischargeWh", c.dischargeWh());
            writeNullable("coulombicEfficiency", c.coulombicEfficiency());
            writeNullable("meanChargeVoltageV", c.meanChargeVoltageV());
            writeNullable("meanDischargeVoltageV", c.meanDischargeVoltageV());
            json.writeNumberField("startTestTimeS", c.startTestTimeS());
            json.writeNumberField("endTestTimeS", c.endTestTimeS());
            json.writeNumberField("chargeDurationS", c.chargeDurationS());
            json.writeNumberField("dischargeDurationS", c.dischargeDurationS());
            writeNullable("maxTemperatureC", c.maxTemperatureC());
            json.writeNumberField("samples", c.sampleCount());
            json.writeStringField("capacitySource", c.capacitySource().name().toLowerCase(java.util.Locale.ROOT));
            json.writeBooleanField("complete", c.complete());
            json.writeEndObject();
            newline();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void onAlert(Alert a) {
        try {
            json.writeStartObject();
            json.writeStringField("type", "alert");
            json.writeStringField("channel", a.channelId());
            json.writeStringField("kind", a.kind().wireName());
            json.writeStringField("severity", a.severity().wireName());
            json.writeStringField("status", a.status().wireName());
            json.writeNumberField("cycle", a.cycleIndex());
            json.writeNumberField("testTimeS", a.testTimeS());
            json.writeStringField("alertId", a.alertId());
            json.writeStringField("message", a.message());
            json.writeObjectFieldStart("evidence");
            for (Map.Entry<String, Double> e : a.evidence().entrySet()) {
                json.writeNumberField(e.getKey(), e.getValue());
            }
            json.writeEndObject();
            json.writeEndObject();
            newline();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeNullable(String name, Double value) throws IOException {
        if (value == null) {
            json.writeNullField(name);
        } else {
            json.writeNumberField(name, value);
        }
    }

    private void newline() throws IOException {
        json.writeRaw('\n');
    }

    @Override
    public void close() throws IOException {
        json.flush();
    }
}
