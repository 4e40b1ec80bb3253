package io.cellwatch.deploy.replay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.cellwatch.model.Alert;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.streams.pipeline.SequenceEvent;
import io.cellwatch.streams.replay.OfflinePipeline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Map;

/**
 * Writes replay results as JSON lines: one {@code "type":"cycle"} object per cycle summary and one
 * {@code "type":"alert"} object per alert event, and one {@code "type":"sequence"} object when a
 * channel's samples begin a new test or the cycler restarts a counter, in the order they happen. Easy to grep, to load
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
        line("cycle", c.channelId(), () -> {
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
        });
    }

    @Override
    public void onAlert(Alert a) {
        line("alert", a.channelId(), () -> {
            json.writeStringField("kind", a.kind().wireName());
            json.writeStringField("severity", a.severity().wireName());
            json.writeStringField("status", a.status().wireName());
            json.writeNumberField("cycle", a.cycleIndex());
            json.writeNumberField("testTimeS", a.testTimeS());
            json.writeStringField("alertId", a.alertId());
            json.writeStringField("message", a.message());
            if (a.profile() != null) {
                json.writeStringField("profile", a.profile());
            }
            json.writeObjectFieldStart("evidence");
            for (Map.Entry<String, Double> e : a.evidence().entrySet()) {
                json.writeNumberField(e.getKey(), e.getValue());
            }
            json.writeEndObject();
        });
    }

    @Override
    public void onSequenceEvent(SequenceEvent e) {
        line("sequence", e.channelId(), () -> {
            json.writeStringField("kind", e.kind().wireName());
            json.writeNumberField("cycle", e.sample().cycleIndex());
            json.writeNumberField("testTimeS", e.sample().testTimeS());
            json.writeNumberField("record", e.sample().dataPoint());
            json.writeNumberField("test", e.testNumber());
            json.writeStringField("reason", e.reason());
        });
    }

    /** What one line holds besides its type and channel. */
    private interface Fields {
        void write() throws IOException;
    }

    /** One JSON object on a line of its own: type, channel, then the event's fields. */
    private void line(String type, String channel, Fields fields) {
        try {
            json.writeStartObject();
            json.writeStringField("type", type);
            json.writeStringField("channel", channel);
            fields.write();
            json.writeEndObject();
            json.writeRaw('\n');
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

    @Override
    public void close() throws IOException {
        json.flush();
    }
}
