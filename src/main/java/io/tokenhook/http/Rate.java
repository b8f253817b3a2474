package io.tokenhook.http;

import java.time.Duration;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * A rate limit: at most {@code count} requests in a burst, refilled continuously at {@code count} per
 * {@code period} (a token bucket whose capacity is one period's worth). Written {@code 100/s}, {@code 600/m},
 * {@code 100/10m}; {@code 0} or {@code off} turns the limit off.
 */
public record Rate(long count, Duration period) {
    public static final Rate OFF = new Rate(0, Duration.ofSeconds(1));
    private static final Pattern FORMAT = Pattern.compile("(\\d{1,9})/(\\d{0,9})(ms|s|m|h|d)");
    /** Largest first, so a period prints in the largest unit that divides it. */
    private static final Unit[] UNITS = {new Unit("d", 86_400_000), new Unit("h", 3_600_000), new Unit("m", 60_000),
            new Unit("s", 1_000), new Unit("ms", 1)};

    private record Unit(String name, long millis) {}

    public Rate {
        if (count < 0) throw new IllegalArgumentException("a rate cannot be negative");
        if (period == null || period.isZero() || period.isNegative()) throw new IllegalArgumentException("a rate needs a positive period");
    }

    public static Rate perSecond(long count) {
        return new Rate(count, Duration.ofSeconds(1));
    }

    public boolean off() {
        return count == 0;
    }

    /** Parses {@code N/UNIT} or {@code N/DURATION} ({@code 20/s}, {@code 100/10m}), {@code 0} or {@code off}. */
    public static Rate parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.equals("0") || t.equals("off")) return OFF;
        var m = FORMAT.matcher(t);
        long amount = m.matches() ? (m.group(2).isEmpty() ? 1 : Long.parseLong(m.group(2))) : 0;
        if (amount == 0) {
            throw new IllegalArgumentException("'" + text + "' is not a rate; use a count per period (100/s, 600/m, 100/10m) or 0 for off");
        }
        long unitMillis = Arrays.stream(UNITS).filter(u -> u.name().equals(m.group(3))).findFirst().orElseThrow().millis();
        return new Rate(Long.parseLong(m.group(1)), Duration.ofMillis(unitMillis * amount));
    }

    /** As it is written: {@code 100/s}, {@code 100/10m}, {@code off}. */
    @Override
    public String toString() {
        if (off()) return "off";
        long ms = period.toMillis();
        Unit unit = Arrays.stream(UNITS).filter(u -> ms % u.millis() == 0).findFirst().orElseThrow();   // ms always divides
        long n = ms / unit.millis();
        return count + "/" + (n == 1 ? "" : n) + unit.name();
    }
}
