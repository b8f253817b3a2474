package io.tokenhook.events;

import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Log ids that sort like time: 20 digits of (epoch millis × 10^6 + a counter), then 4 digits naming the node, so
 * ids from several nodes never collide and a string comparison orders them by time.
 */
final class LogIds {
    private final InstantSource clock;
    private final AtomicLong last = new AtomicLong();
    private final String node;

    LogIds(InstantSource clock) {
        this.clock = clock;
        this.node = String.format("%04d", new SecureRandom().nextInt(10_000));
    }

    String next() {
        long floor = clock.millis() * 1_000_000L;
        long value = last.updateAndGet(prev -> Math.max(prev + 1, floor));
        return String.format("%020d", value) + node;
    }
}
