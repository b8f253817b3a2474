package io.tokenhook.events;

import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Log ids that sort like time: 20 digits of (epoch millis × 10^6 + a counter), then 4 digits naming the node, so
 * ids from several nodes never collide and a string comparison orders them by time.
 */
final class LogIds {
    private static final String ZEROS = "00000000000000000000";
    private final InstantSource clock;
    private final AtomicLong last = new AtomicLong();
    private final String node;

    LogIds(InstantSource clock) {
        this.clock = clock;
        this.node = String.format("%04d", new SecureRandom().nextInt(10_000));
    }

    /** The epoch millisecond {@code logId} was made at; 0 for an id not made here (then it counts as old). */
    static long millis(String logId) {
        if (logId == null || logId.length() < 20) return 0;
        try {
            return Long.parseLong(logId, 0, 20, 10) / 1_000_000L;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    String next() {
        long floor = clock.millis() * 1_000_000L;
        long value = last.updateAndGet(prev -> Math.max(prev + 1, floor));
        return zeroPadded(value) + node;
    }

    /** {@code String.format("%020d", value)} without the formatter, which was 5% of an exchange. */
    static String zeroPadded(long value) {
        String digits = Long.toString(value);
        return ZEROS.substring(digits.length()) + digits;
    }
}
