package io.tokenhook.events;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.tokenhook.events.FakeLogFeed.logId;
import static org.assertj.core.api.Assertions.assertThat;

/** {@link TailCursor}: which rows it asks for, and in what order it hands them out, by a fake clock. */
class TailCursorTest {
    private static final long SETTLE = 1_000;
    private static final long T = 1_700_000_000_000L;

    private final FakeLogFeed feed = new FakeLogFeed();
    private final Cursor cursor = new Cursor(new TailCursor(feed, SETTLE));

    /** The cursor, numbering its reads as the tail does. */
    private record Cursor(TailCursor cursor, long[] reads) {
        Cursor(TailCursor cursor) {
            this(cursor, new long[1]);
        }

        void start() {
            cursor.start(++reads[0]);
        }

        void read() {
            cursor.read(++reads[0]);
        }

        TailCursor.Due due(long now) {
            return cursor.due(now);
        }

        int skippedCount() {
            return cursor.skippedCount();
        }
    }

    private static List<String> ids(List<TailCursor.Taken> events) {
        return events.stream().map(t -> t.event().logId()).toList();
    }

    @Test
    void dueWhenEventsOfSeveralNodesCommitOutOfOrderThenTheyGoOutInLogIdOrderOnceSettled() {
        cursor.start();
        long b = feed.insert(T + 10, 2);   // node B's event, committed after node A's later one
        feed.write(T + 20, 1);
        cursor.read();
        feed.commit(b);
        cursor.read();

        assertThat(cursor.due(T + 20 + SETTLE - 11).isEmpty()).isTrue();   // neither has settled
        var due = cursor.due(T + 20 + SETTLE);
        assertThat(ids(due.inOrder())).containsExactly(logId(T + 10, 2), logId(T + 20, 1));
        assertThat(due.late()).isEmpty();
    }

    @Test
    void dueWhenAnEventIsWrittenAfterTheSettleWindowThenItGoesOutLateNotLost() {
        cursor.start();
        feed.write(T + 100, 1);
        cursor.read();
        assertThat(ids(cursor.due(T + 100 + SETTLE).inOrder())).containsExactly(logId(T + 100, 1));

        feed.write(T + 50, 2);   // written after an outage, with its old log id
        cursor.read();
        var due = cursor.due(T + 200 + SETTLE);
        assertThat(ids(due.late())).containsExactly(logId(T + 50, 2));
        assertThat(due.inOrder()).isEmpty();
        assertThat(cursor.due(T + 10_000).isEmpty()).isTrue();   // once
    }

    @Test
    void readWhenAPositionIsSkippedThenItIsAskedForUntilItCommits() {
        cursor.start();
        long first = feed.insert(T, 2);
        feed.write(T + 1, 1);
        cursor.read();
        assertThat(cursor.skippedCount()).isEqualTo(1);

        feed.commit(first);
        cursor.read();
        assertThat(feed.askedFor.get(feed.askedFor.size() - 1)).containsExactly(first);
        assertThat(cursor.skippedCount()).isZero();
        assertThat(ids(cursor.due(T + 5_000).inOrder())).containsExactly(logId(T, 2), logId(T + 1, 1));

        cursor.read();
        assertThat(feed.askedFor.get(feed.askedFor.size() - 1)).isEmpty();
    }

    @Test
    void readWhenASkippedPositionNeverCommitsThenItIsGivenUpAfterGapReads() {
        cursor.start();
        feed.rollback(feed.insert(T, 2));
        feed.write(T + 1, 1);
        for (int i = 0; i < TailCursor.GAP_READS - 1; i++) cursor.read();
        assertThat(cursor.skippedCount()).isEqualTo(1);
        cursor.read();
        assertThat(cursor.skippedCount()).isZero();
    }

    @Test
    void readWhenTheStoreFailsThenSkippedPositionsAreNotUsedUp() {
        cursor.start();
        long slow = feed.insert(T, 2);
        feed.write(T + 1, 1);
        cursor.read();
        feed.down = true;
        for (int i = 0; i < TailCursor.GAP_READS * 2; i++) {
            try {
                cursor.read();
            } catch (IllegalStateException expected) {
                // the tail retries
            }
        }
        feed.down = false;
        feed.commit(slow);
        cursor.read();
        assertThat(ids(cursor.due(T + 5_000).inOrder())).containsExactly(logId(T, 2), logId(T + 1, 1));
    }

    @Test
    void startWhenRowsAreCommittedOrInFlightThenOnlyTheInFlightOnesAreDelivered() {
        long inFlight = feed.insert(T, 2);
        feed.write(T + 1, 1);
        feed.write(T + 2, 1);
        cursor.start();
        assertThat(cursor.due(T + 5_000).isEmpty()).isTrue();   // committed before the start: a replay's business

        feed.commit(inFlight);
        cursor.read();
        assertThat(ids(cursor.due(T + 5_000).inOrder())).containsExactly(logId(T, 2));
    }

    @Test
    void readWhenMoreThanAPageIsCommittedThenItIsReadPageByPageUpToABound() {
        cursor.start();
        int backlog = TailCursor.PAGE * (TailCursor.MAX_PAGES + 1) + 5;
        for (int i = 0; i < backlog; i++) feed.write(T + i, 1);
        cursor.read();
        assertThat(cursor.due(T + 100_000).inOrder()).hasSize(TailCursor.PAGE * TailCursor.MAX_PAGES);
        cursor.read();
        assertThat(cursor.due(T + 100_000).inOrder()).hasSize(TailCursor.PAGE + 5);
    }

    @Test
    void readWhenEventsAreTakenThenEachCarriesTheNumberOfItsRead() {
        cursor.start();
        feed.write(T, 1);
        cursor.read();
        feed.write(T + 1, 1);
        cursor.read();
        assertThat(cursor.due(T + 5_000).inOrder()).extracting(TailCursor.Taken::read).containsExactly(2L, 3L);
    }

    @Test
    void logIdMillisWhenTheIdIsNotOursThenZero() {
        assertThat(LogIds.millis(logId(T, 7))).isEqualTo(T);
        assertThat(LogIds.millis("9001")).isZero();
        assertThat(LogIds.millis("not-a-log-id-at-all-x")).isZero();
    }
}
