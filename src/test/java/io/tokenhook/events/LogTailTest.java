package io.tokenhook.events;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tokenhook.tenant.LogEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link LogTail}: one reader per node, only while someone listens. */
class LogTailTest {
    private final FakeLogFeed feed = new FakeLogFeed();
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final LogTail tail = new LogTail(feed, InstantSource.system(), metrics, Duration.ofMillis(100));

    @AfterEach
    void close() {
        tail.close();
    }

    private static void await(java.util.function.BooleanSupplier done) throws InterruptedException {
        for (int i = 0; i < 100 && !done.getAsBoolean(); i++) Thread.sleep(50);
        assertThat(done.getAsBoolean()).isTrue();
    }

    @Test
    void subscribeWhenNoneIsOpenThenNoQueryAtAll() throws Exception {
        Thread.sleep(600);
        assertThat(feed.queries.get()).isZero();

        var subscription = tail.subscribe(new EventLog.Subscriber(e -> true, e -> { }));
        await(() -> feed.queries.get() > 2);
        subscription.close();
        Thread.sleep(2 * LogTail.INTERVAL.toMillis());
        int after = feed.queries.get();
        Thread.sleep(4 * LogTail.INTERVAL.toMillis());
        assertThat(feed.queries.get()).isEqualTo(after);
    }

    @Test
    void subscribeWhenEventsAreWrittenThenEachSubscriberGetsWhatMatchesOnce() throws Exception {
        var all = new CopyOnWriteArrayList<LogEvent>();
        var nodeTwo = new CopyOnWriteArrayList<LogEvent>();
        try (var a = tail.subscribe(new EventLog.Subscriber(e -> true, all::add));
             var b = tail.subscribe(new EventLog.Subscriber(e -> e.clientId().equals("client-2"), nodeTwo::add))) {
            long now = System.currentTimeMillis();
            feed.write(now, 1);
            feed.write(now + 1, 2);
            feed.write(now + 2, 1);
            await(() -> all.size() == 3);
            await(() -> nodeTwo.size() == 1);
            Thread.sleep(500);
            assertThat(all).extracting(LogEvent::logId).isSorted().doesNotHaveDuplicates().hasSize(3);
            assertThat(nodeTwo).extracting(LogEvent::clientId).containsExactly("client-2");
        }
        assertThat(metrics.get("tokenhook_log_stream_lag_seconds").gauge().value()).isGreaterThan(0);
    }

    @Test
    void subscribeWhenTheTailRunsThenEventsReadBeforeJoiningAreNotDelivered() throws Exception {
        var first = new CopyOnWriteArrayList<LogEvent>();
        var second = new CopyOnWriteArrayList<LogEvent>();
        try (var a = tail.subscribe(new EventLog.Subscriber(e -> true, first::add))) {
            feed.write(System.currentTimeMillis() + 60_000, 1);   // held back for a minute: read, not delivered yet
            Thread.sleep(3 * LogTail.INTERVAL.toMillis());
            try (var b = tail.subscribe(new EventLog.Subscriber(e -> true, second::add))) {
                feed.write(System.currentTimeMillis(), 2);
                await(() -> second.size() == 1 && first.size() == 1);
                assertThat(second).extracting(LogEvent::clientId).containsExactly("client-2");
            }
        }
    }

    @Test
    void subscribeWhenTheStoreIsAwayThenTheTailStartsOnceItAnswers() throws Exception {
        feed.down = true;
        var got = new CopyOnWriteArrayList<LogEvent>();
        try (var s = tail.subscribe(new EventLog.Subscriber(e -> true, got::add))) {
            feed.down = false;
            Thread.sleep(1_500);   // the tail retries every second
            feed.write(System.currentTimeMillis(), 1);
            await(() -> got.size() == 1);
        }
    }
}
