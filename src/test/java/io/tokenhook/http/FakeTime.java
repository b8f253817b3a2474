package io.tokenhook.http;

import com.github.benmanes.caffeine.cache.Ticker;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A clock the test moves: the ticker the limits refill by and the wall clock of their headers, in step. */
final class FakeTime implements Ticker, InstantSource {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private long nanos;

    void advance(Duration d) {
        nanos += d.toNanos();
    }

    @Override
    public long read() {
        return nanos;
    }

    @Override
    public Instant instant() {
        return START.plusNanos(nanos);
    }
}
