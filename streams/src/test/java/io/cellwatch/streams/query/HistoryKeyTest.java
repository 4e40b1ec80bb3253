package io.cellwatch.streams.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;

class HistoryKeyTest {

    @Test
    void roundTripsChannelAndPosition() {
        Bytes key = HistoryKey.of("Arbin-7/ch 12+ü", 1_234_567_890_123L);
        assertThat(HistoryKey.channelId(key)).isEqualTo("Arbin-7/ch 12+ü");
        assertThat(HistoryKey.position(key)).isEqualTo(1_234_567_890_123L);
    }

    @Test
    void aChannelsKeysFormOneRangeInPublicationOrderAndNoOtherChannelFallsInsideIt() {
        // Channel ids chosen so that plain string prefixes would interleave: "a" is a prefix of "a/b" and "ab".
        List<String> channels = List.of("a", "a/b", "ab", "a\u0000", "b", "");
        Random random = new Random(11);
        List<Bytes> keys = new ArrayList<>();
        for (String channel : channels) {
            for (int i = 0; i < 50; i++) {
                keys.add(HistoryKey.of(channel, random.nextInt(1 << 20)));
            }
            keys.add(HistoryKey.of(channel, 0));
            keys.add(HistoryKey.of(channel, 255));
            keys.add(HistoryKey.of(channel, 256));
        }
        for (String channel : channels) {
            Bytes from = HistoryKey.first(channel);
            Bytes to = HistoryKey.last(channel);
            List<Bytes> inRange = keys.stream()
                    .filter(k -> k.compareTo(from) >= 0 && k.compareTo(to) <= 0)
                    .sorted()
                    .toList();
            assertThat(inRange)
                    .hasSize(53)
                    .allSatisfy(k -> assertThat(HistoryKey.channelId(k)).isEqualTo(channel));
            List<Long> positions = inRange.stream().map(HistoryKey::position).toList();
            assertThat(positions).isSorted();
        }
    }
}
