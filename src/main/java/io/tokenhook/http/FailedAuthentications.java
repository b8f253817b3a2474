package io.tokenhook.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

import java.time.Duration;
import java.time.InstantSource;

/**
 * The growing back-off after failed client authentication, kept per (client id, source address) pair:
 * <ul>
 *   <li>A pair may fail {@code after} times; from then on each failure makes it wait, 1 s, 2 s, 4 s and so on up to
 *       {@code max}, and while it waits the token endpoint refuses it before comparing any secret. A success
 *       forgets the pair's failures, and so does {@link #WINDOW} without one.</li>
 *   <li>Addresses are independent: failures from one address never make another wait. So an attacker cannot lock
 *       a client out of the addresses it really uses, unless the attacker shares one of them (a NAT, or a proxy
 *       that is not configured as trusted).</li>
 *   <li>Against guessing from many addresses, each client id also has a budget of failures over all addresses.
 *       While it is spent, a pair that has not authenticated successfully within {@link #KNOWN_FOR} waits
 *       {@code max} after its first failure. Addresses that have authenticated before keep the ordinary rule, and
 *       an address that has not failed is never refused, so a new instance of a legitimate client still gets in.</li>
 * </ul>
 * Memory is bounded: each map keeps at most {@value RateLimiter#MAX_KEYS} pairs.
 */
final class FailedAuthentications {
    /** Failures of a pair are forgotten this long after its latest one. */
    static final Duration WINDOW = Duration.ofMinutes(15);
    /** How long a success from a pair counts as "this address is one of the client's". */
    static final Duration KNOWN_FOR = Duration.ofHours(24);
    private static final long FIRST_WAIT_NANOS = Duration.ofSeconds(1).toNanos();

    private final int after;
    private final long maxNanos;
    private final Ticker ticker;
    private final Cache<String, Failures> failures;
    /** Pairs that authenticated within {@link #KNOWN_FOR}; only a right secret adds one, so an attacker cannot. */
    private final Cache<String, Boolean> known;
    /** Failures per client id over all addresses; null when that budget is off. */
    private final RateLimiter budget;

    /** @param budget failures per client id over all addresses, or {@link Rate#OFF} */
    FailedAuthentications(int after, Duration max, Rate budget, Ticker ticker, InstantSource clock) {
        if (after < 1) throw new IllegalArgumentException("after must be at least 1");
        this.after = after;
        this.maxNanos = max.toNanos();
        this.ticker = ticker;
        Duration remembered = max.compareTo(WINDOW) > 0 ? max : WINDOW;
        this.failures = Caffeine.newBuilder().maximumSize(RateLimiter.MAX_KEYS).expireAfterWrite(remembered).ticker(ticker).build();
        this.budget = budget.off() ? null : new RateLimiter(budget, ticker, clock);
        this.known = this.budget == null ? null
                : Caffeine.newBuilder().maximumSize(RateLimiter.MAX_KEYS).expireAfterWrite(KNOWN_FOR).ticker(ticker).build();
    }

    /** How long this pair must still wait before it may try again; 0 when it may try now. */
    long waitNanos(String clientId, String address) {
        Failures f = failures.getIfPresent(key(clientId, address));
        return f == null ? 0 : Math.max(0, f.waitUntil() - ticker.read());
    }

    void failed(String clientId, String address) {
        String key = key(clientId, address);
        boolean stranger = budget != null && !budget.take(clientId).allowed() && known.getIfPresent(key) == null;
        long now = ticker.read();
        failures.asMap().compute(key, (k, previous) -> {
            int count = previous == null ? 1 : previous.count() + 1;
            long wait = stranger ? maxNanos : count < after ? 0 : doubling(count - after);
            return new Failures(count, now + wait);
        });
    }

    void succeeded(String clientId, String address) {
        String key = key(clientId, address);
        failures.invalidate(key);
        if (known != null && known.getIfPresent(key) == null) known.put(key, Boolean.TRUE);
    }

    /** 1 s doubled {@code times} times, at most {@code max}. */
    private long doubling(int times) {
        return times >= 30 ? maxNanos : Math.min(maxNanos, FIRST_WAIT_NANOS << times);
    }

    private static String key(String clientId, String address) {
        return clientId + '\u0000' + address;
    }

    /** @param waitUntil the ticker time before which the pair is refused */
    private record Failures(int count, long waitUntil) {}
}
