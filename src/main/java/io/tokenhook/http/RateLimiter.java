package io.tokenhook.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;

import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One {@link Rate} kept per key (an address, a client id, a caller): a Bucket4j token bucket each, lock-free, in a
 * Caffeine map of at most {@value #MAX_KEYS} keys. A bucket left alone for one period is full again, so it is
 * forgotten then; when the map is full, Caffeine's admission policy keeps the keys in frequent use and lets
 * one-off keys (a flood of made-up client ids) go. Forgetting a key only ever starts it afresh with a full bucket.
 */
final class RateLimiter {
    static final int MAX_KEYS = 65_536;

    private final Rate rate;
    private final TimeMeter time;
    private final InstantSource clock;
    private final Cache<String, Bucket> buckets;

    /**
     * @param ticker the monotonic time the buckets refill by
     * @param clock  the wall clock of {@code X-RateLimit-Reset}
     */
    RateLimiter(Rate rate, Ticker ticker, InstantSource clock) {
        if (rate.off()) throw new IllegalArgumentException("a rate limiter needs a rate, not off");
        this.rate = rate;
        this.clock = clock;
        this.time = new TimeMeter() {
            @Override public long currentTimeNanos() { return ticker.read(); }
            @Override public boolean isWallClockBased() { return false; }
        };
        this.buckets = Caffeine.newBuilder().maximumSize(MAX_KEYS).expireAfterAccess(rate.period()).ticker(ticker).build();
    }

    /** Takes one request from {@code key}'s bucket. */
    Verdict take(String key) {
        ConsumptionProbe probe = buckets.get(key, k -> newBucket()).tryConsumeAndReturnRemaining(1);
        return new Verdict(probe.isConsumed(), rate.count(), probe.getRemainingTokens(), probe.getNanosToWaitForRefill(),
                probe.getNanosToWaitForReset());
    }

    /** Whether {@code key}'s bucket is empty now; takes nothing. */
    boolean spent(String key) {
        Bucket bucket = buckets.getIfPresent(key);
        return bucket != null && bucket.getAvailableTokens() < 1;
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(rate.count()).refillGreedy(rate.count(), rate.period()))
                .withCustomTimePrecision(time)
                .build();
    }

    /** The {@code X-RateLimit-*} headers of {@code verdict}, and {@code Retry-After} when it refused. */
    Map<String, String> headers(Verdict verdict) {
        var headers = new LinkedHashMap<String, String>();
        headers.put("X-RateLimit-Limit", Long.toString(verdict.limit()));
        headers.put("X-RateLimit-Remaining", Long.toString(verdict.remaining()));
        headers.put("X-RateLimit-Reset", Long.toString(epochSecondAfter(clock, verdict.nanosToReset())));
        if (!verdict.allowed()) headers.put("Retry-After", Long.toString(seconds(verdict.nanosToRefill())));
        return headers;
    }

    /** The epoch second (rounded up) {@code nanos} from now. */
    static long epochSecondAfter(InstantSource clock, long nanos) {
        var at = clock.instant().plusNanos(nanos);
        return at.getNano() == 0 ? at.getEpochSecond() : at.getEpochSecond() + 1;
    }

    /** Whole seconds, rounded up, at least 1: what {@code Retry-After} says. */
    static long seconds(long nanos) {
        return Math.max(1, (nanos + 999_999_999) / 1_000_000_000);
    }

    /**
     * What one request's take from a bucket found.
     *
     * @param allowed       whether it got a token
     * @param limit         the bucket's capacity
     * @param remaining     tokens left after it
     * @param nanosToRefill when refused: how long until the next token
     * @param nanosToReset  how long until the bucket is full
     */
    record Verdict(boolean allowed, long limit, long remaining, long nanosToRefill, long nanosToReset) {}
}
