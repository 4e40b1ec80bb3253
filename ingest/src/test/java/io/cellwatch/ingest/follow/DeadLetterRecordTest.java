package io.cellwatch.ingest.follow;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.ingest.format.MalformedRowException;
import io.cellwatch.model.IngestDeadLetters;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/** A dead letter fits a Kafka record whatever the line was: a power loss's megabytes of NULs included. */
class DeadLetterRecordTest {
    @Test
    void aLineOfMegabytesIsCutToItsFirstBytesAndSaysHowLongItWas() {
        String nuls = "\0".repeat(3 * 1024 * 1024) + "1,3.71,0.1";
        ProducerRecord<String, byte[]> record = DeadLetterRecord.of("dl", dead(nuls, "not a number: '" + nuls + "'"));
        assertThat(record.value()).hasSize(DeadLetterRecord.MAX_LINE_BYTES);
        assertThat(header(record, IngestDeadLetters.TRUNCATED_FROM_HEADER)).isEqualTo(Integer.toString(nuls.length()));
        assertThat(header(record, IngestDeadLetters.REASON_HEADER).getBytes(StandardCharsets.UTF_8))
                .hasSizeLessThanOrEqualTo(DeadLetterRecord.MAX_HEADER_BYTES);
        assertThat(header(record, IngestDeadLetters.FILE_HEADER)).isEqualTo("/data/ch7.csv");
        assertThat(header(record, IngestDeadLetters.LINE_HEADER)).isEqualTo("4812");
        assertThat(record.key()).isEqualTo("ch7");
    }

    @Test
    void anOrdinaryLineGoesWholeWithoutTheTruncationHeader() {
        ProducerRecord<String, byte[]> record = DeadLetterRecord.of("dl", dead("1,abc,0.1", "not a number: 'abc'"));
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("1,abc,0.1");
        assertThat(record.headers().lastHeader(IngestDeadLetters.TRUNCATED_FROM_HEADER))
                .isNull();
    }

    @Test
    void aCutNeverEndsInsideACharacter() {
        byte[] euros = "€€€".getBytes(StandardCharsets.UTF_8); // 3 bytes each
        assertThat(new String(DeadLetterRecord.cut(euros, 7), StandardCharsets.UTF_8))
                .isEqualTo("€€");
        assertThat(new String(DeadLetterRecord.cut(euros, 6), StandardCharsets.UTF_8))
                .isEqualTo("€€");
        assertThat(DeadLetterRecord.cut(euros, 2)).isEmpty();
        assertThat(DeadLetterRecord.cut(euros, 9)).isEqualTo(euros);
    }

    private static DeadLetter dead(String line, String reason) {
        return new DeadLetter(
                "ch7", "maccor", line, new MalformedRowException(Path.of("/data/ch7.csv"), 4812, "Voltage", reason));
    }

    private static String header(ProducerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
