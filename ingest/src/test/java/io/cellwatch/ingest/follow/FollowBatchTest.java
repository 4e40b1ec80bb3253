package io.cellwatch.ingest.follow;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.Sample;
import io.cellwatch.model.StepType;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which records of a transaction carry their channel's metadata in band. */
class FollowBatchTest {
    private static Sample sample(String channel, long dataPoint) {
        return new Sample(
                Sample.SCHEMA_VERSION,
                channel,
                dataPoint,
                null,
                dataPoint,
                1,
                1,
                StepType.CHARGE,
                3.5,
                0.1,
                0.0,
                0.0,
                null,
                null,
                null);
    }

    private static FilePosition position(String path) {
        return new FilePosition(path, "arbin", path, 0, 100, 2, 0, "", 0, 1, 0);
    }

    @Test
    void theFirstSampleAfterAChannelIsDescribedCarriesThatDescriptionAndNoOtherDoes() {
        FollowBatch batch = new FollowBatch();
        ChannelInfo a = ChannelInfo.defaultsFor("a");
        ChannelInfo anodeA = a.withGroup("rack-2");
        batch.describe(a);
        batch.add(sample("b", 1)); // another channel's row: carries nothing
        batch.add(sample("a", 1));
        batch.add(sample("a", 2));
        batch.describe(anodeA); // re-declared mid-batch (a group given): the next row of a carries it
        batch.add(sample("a", 3));

        assertThat(batch.channels()).containsExactly(a, anodeA);
        assertThat(batch.describedBySample(0)).isNull();
        assertThat(batch.describedBySample(1)).isEqualTo(a);
        assertThat(batch.describedBySample(2)).isNull();
        assertThat(batch.describedBySample(3)).isEqualTo(anodeA);
    }

    @Test
    void aDescriptionWhoseChannelHadNoRowInItsTransactionIsCarriedByTheNextTransactionsFirstRow() {
        Map<String, ChannelInfo> follower = new HashMap<>();
        FollowBatch headerOnly = new FollowBatch(follower);
        headerOnly.describe(ChannelInfo.defaultsFor("a")); // the file's header came, its first row not yet
        FollowBatch next = new FollowBatch(follower);
        next.add(sample("a", 1));
        assertThat(next.describedBySample(0)).isEqualTo(ChannelInfo.defaultsFor("a"));
    }

    @Test
    void aRollBackTakesOutWhatOneFileAddedAndLeavesItsDescriptionToBeCarriedAgain() {
        Map<String, ChannelInfo> follower = new HashMap<>();
        FollowBatch batch = new FollowBatch(follower);
        batch.add(sample("b", 1));
        ChannelInfo a = ChannelInfo.defaultsFor("a");
        batch.describe(a);
        FilePosition bPosition = position("/lab/b.csv");
        batch.positions.put("/lab/b.csv", bPosition);
        FollowBatch.Mark mark = batch.mark("/lab/a.csv");

        batch.add(sample("a", 1)); // file a's rows, then its read fails
        batch.describe(a.withGroup("rack-2"));
        batch.positions.put("/lab/a.csv", position("/lab/a.csv"));
        batch.rollBackTo(mark);

        assertThat(batch.samples()).containsExactly(sample("b", 1));
        assertThat(batch.channels()).containsExactly(a);
        assertThat(batch.positions()).containsOnlyKeys("/lab/b.csv");
        batch.add(sample("a", 1)); // read again: the description still rides on its first row
        assertThat(batch.describedBySample(1)).isEqualTo(a);
        assertThat(follower).isEmpty();
    }
}
