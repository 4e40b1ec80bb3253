package io.cellwatch.streams;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.KafkaFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The transactions the cluster has open ({@code Admin#listTransactions}), for {@link DepartedInstanceFence}. */
final class OngoingTransactions {
    /** Logs under the fence's name: an operator reads these lines as the fence's. */
    private static final Logger LOG = LoggerFactory.getLogger(DepartedInstanceFence.class);

    private OngoingTransactions() {}

    /**
     * The ids of the ongoing transactions, from every broker that answers: with a broker down the others
     * still list theirs (its coordinators' transactions have moved to them, or wait for it).
     */
    static List<String> list(Admin admin, int timeoutMs)
            throws ExecutionException, TimeoutException, InterruptedException {
        Map<Integer, KafkaFuture<Collection<TransactionListing>>> byBroker = admin.listTransactions(
                        new ListTransactionsOptions()
                                .filterStates(List.of(TransactionState.ONGOING))
                                .timeoutMs(timeoutMs))
                .byBrokerId()
                .get(timeoutMs, TimeUnit.MILLISECONDS);
        List<String> ongoing = new ArrayList<>();
        for (Map.Entry<Integer, KafkaFuture<Collection<TransactionListing>>> broker : byBroker.entrySet()) {
            try {
                broker.getValue().get(timeoutMs, TimeUnit.MILLISECONDS).stream()
                        .map(TransactionListing::transactionalId)
                        .forEach(ongoing::add);
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn(
                        "departed-instance fence: broker {} did not list its transactions: {}",
                        broker.getKey(),
                        e.toString());
            }
        }
        return ongoing;
    }
}
