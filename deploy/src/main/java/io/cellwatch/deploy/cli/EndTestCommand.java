package io.cellwatch.deploy.cli;

import io.cellwatch.model.TestEndedHeader;
import io.cellwatch.model.kafka.KafkaConnection;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Tells the monitor that the tests on some channels are over: writes an end-of-test record
 * ({@link TestEndedHeader}) for each on the samples topic, behind the channel's samples.
 */
@Command(
        name = "end-test",
        mixinStandardHelpOptions = true,
        header = "Ends the tests on channels: their alerts resolve and cellwatch forgets them.",
        description = {
            "For a test that finished, was aborted or whose cell was taken off. Writes one end-of-test record per",
            "channel to the samples topic, behind the channel's samples, and `cellwatch streams` then:",
            "  - summarizes the open cycle (incomplete) and judges it, as at any end of a test;",
            "  - resolves every alert still firing on the channel, a stall warning of an aborted test included,",
            "    and takes a cell in a replicate group out of its group;",
            "  - forgets the channel: its detector state (all but its count of tests), cycle and alert history,",
            "    series and live page.",
            "What the channel produced stays on the cycles and alerts topics. A sample that comes later starts",
            "the channel afresh, as its next test. Needs Write on the samples topic (the ingester's ACL)."
        })
public final class EndTestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Parameters(arity = "1..*", paramLabel = "CHANNEL", description = "The channels whose tests are over.")
    List<String> channels;

    @Option(
            names = "--reason",
            paramLabel = "TEXT",
            description = "Why the test ended, for the alerts' resolution messages (at most 200 characters kept).")
    String reason;

    @Override
    public Integer call() throws InterruptedException {
        KafkaConnection cluster = kafka.requireCluster("end-test");
        for (String channel : channels) {
            if (channel.isBlank() || channel.length() > 255) {
                throw new ParameterException(
                        spec.commandLine(), "a channel id must be 1 to 255 characters, was \"" + channel + "\"");
            }
        }
        String topic = kafka.topics().samples();
        byte[] header = TestEndedHeader.encode(reason);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int failed = 0;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                cluster.producer("cellwatch-end-test", KafkaConnection.AWAITED_SENDS),
                new StringSerializer(),
                new ByteArraySerializer())) {
            List<String> ids = new ArrayList<>(new LinkedHashSet<>(channels));
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (String channel : ids) {
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, channel, null);
                record.headers().add(new RecordHeader(TestEndedHeader.NAME, header));
                sent.add(producer.send(record));
            }
            for (int i = 0; i < ids.size(); i++) {
                try {
                    RecordMetadata at = sent.get(i).get();
                    out.printf(
                            Locale.ROOT,
                            "test ended on %s (%s): %s-%d at offset %d%n",
                            ids.get(i),
                            TestEndedHeader.decode(header),
                            topic,
                            at.partition(),
                            at.offset());
                } catch (ExecutionException e) {
                    failed++;
                    err.printf(Locale.ROOT, "could not end the test on %s: %s%n", ids.get(i), e.getCause());
                }
            }
        }
        out.flush();
        err.flush();
        return failed == 0 ? 0 : 1;
    }
}
