package io.tokenhook.events;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tokenhook.store.EventQuery;
import io.tokenhook.support.TestDatabase;
import io.tokenhook.tenant.LogEvent;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Events older than the retention period are purged; newer ones stay. Uses a real store (SQLite or PostgreSQL: {@link TestDatabase}). */
class EventLogRetentionTest {

    @Test
    void purgeWhenOlderThanRetentionThenDeleted() throws Exception {
        Instant now = Instant.parse("2026-11-26T00:00:00Z");
        try (var db = TestDatabase.create(Files.createTempDirectory("tokenhook-retention")); var store = db.openStore()) {
            store.appendEvents(List.of(event("00000000000000000001", now.minus(Duration.ofDays(31))),
                    event("00000000000000000002", now.minus(Duration.ofDays(29)))));
            var log = new EventLog(store, InstantSource.fixed(now), new SimpleMeterRegistry(), 100, Duration.ofDays(30));
            try {
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (store.countEvents(EventQuery.latest(10)) != 1 && System.nanoTime() < deadline) Thread.sleep(20);
                assertThat(store.queryEvents(EventQuery.latest(10))).extracting(LogEvent::logId).containsExactly("00000000000000000002");
            } finally {
                log.close();
            }
        }
    }

    @Test
    void closeWhenEventsQueuedThenAllWritten() throws Exception {
        try (var db = TestDatabase.create(Files.createTempDirectory("tokenhook-flush")); var store = db.openStore()) {
            var log = new EventLog(store, InstantSource.system(), new SimpleMeterRegistry(), 10_000, Duration.ofDays(30));
            for (int i = 0; i < 2_000; i++) {
                log.record(log.newEvent("seccft", "x", "c", null, null, null, null, null, null, Map.of()));
            }
            log.close();
            assertThat(store.countEvents(EventQuery.latest(0))).isEqualTo(2_000);
        }
    }

    @Test
    void recordWhenQueueFullThenDroppedAndCountedWithoutBlocking() throws Exception {
        try (var db = TestDatabase.create(Files.createTempDirectory("tokenhook-full")); var store = db.openStore()) {
            var metrics = new SimpleMeterRegistry();
            var log = new EventLog(store, InstantSource.system(), metrics, 10, Duration.ofDays(30));
            for (int i = 0; i < 50_000; i++) {
                log.record(log.newEvent("seccft", "x", "c", null, null, null, null, null, null, Map.of()));
            }
            log.close();
            double dropped = metrics.counter("tokenhook_events_dropped").count();
            // dropped events prove record() refused instead of waiting for the writer
            assertThat(dropped).isPositive();
            assertThat(store.countEvents(EventQuery.latest(0)) + (long) dropped).isEqualTo(50_000);
        }
    }

    @Test
    void appendWhenTheSameEventsComeAgainThenWrittenOnce() throws Exception {
        // a batch retried after its commit's answer was lost (a dropped connection) must not block the writer
        try (var db = TestDatabase.create(Files.createTempDirectory("tokenhook-idempotent")); var store = db.openStore()) {
            var batch = List.of(event("00000000000000000007", Instant.now()), event("00000000000000000008", Instant.now()));
            store.appendEvents(batch);
            store.appendEvents(batch);
            assertThat(store.countEvents(EventQuery.latest(0))).isEqualTo(2);
        }
    }

    private static LogEvent event(String id, Instant date) {
        return new LogEvent(id, date, "seccft", "d", "c", "n", "a", "s", "127.0.0.1", "ua", null, Map.of());
    }
}
