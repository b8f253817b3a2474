package io.tokenhook.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogIdsTest {

    @Test
    void zeroPaddingMatchesTheFormatter() {
        for (long value : new long[] {0, 7, 1_000_000L, 1_764_000_000_000_000_000L, Long.MAX_VALUE}) {
            assertThat(LogIds.zeroPadded(value)).isEqualTo(String.format("%020d", value));
        }
    }

    @Test
    void idsFromOneNodeSortByTimeAsStrings() {
        InstantSource frozen = InstantSource.fixed(Instant.parse("2026-11-26T07:00:00Z"));
        LogIds ids = new LogIds(frozen);
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) made.add(ids.next());

        assertThat(made).isSorted().doesNotHaveDuplicates();
        assertThat(made).allSatisfy(id -> assertThat(id).hasSize(24));
        assertThat(LogIds.millis(made.get(0))).isEqualTo(Instant.parse("2026-11-26T07:00:00Z").toEpochMilli());
    }
}
