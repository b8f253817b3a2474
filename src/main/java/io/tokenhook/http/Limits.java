package io.tokenhook.http;

import java.time.Duration;
import java.util.List;

/**
 * The abuse limits of one node (each node counts on its own): request rates, the back-off after failed client
 * authentication, and what Jetty accepts from a connection. A rate of {@link Rate#OFF}, a count of 0 or a
 * duration of zero turns that limit off.
 *
 * @param tokenPerClient        {@code POST /oauth/token} requests per presented client id
 * @param tokenPerAddress       {@code POST /oauth/token} requests per source address
 * @param apiPerCaller          Management API calls per authenticated caller (application or dashboard user)
 * @param apiPerAddress         Management API calls that fail authentication, per source address
 * @param authBackoffAfter      failed authentications of one client id from one address (within
 *                              {@link FailedAuthentications#WINDOW}) before each further failure makes it wait
 * @param authBackoffMax        the longest of those waits; they double from one second
 * @param authFailuresPerClient failed authentications of one client id from all addresses; beyond it, addresses
 *                              that have not authenticated as that client recently wait the longest after one failure
 * @param trustedProxies        addresses or CIDR ranges whose {@code X-Forwarded-For} is believed
 * @param maxHeaderBytes        the request line and headers together; larger requests get 431 (never off)
 * @param requestReadTimeout    how long a new connection may take to start its first request (TLS handshake included),
 *                              and a request its headers, then its body
 * @param idleTimeout           how long a connection may stay silent
 */
public record Limits(
        Rate tokenPerClient,
        Rate tokenPerAddress,
        Rate apiPerCaller,
        Rate apiPerAddress,
        int authBackoffAfter,
        Duration authBackoffMax,
        Rate authFailuresPerClient,
        List<String> trustedProxies,
        int maxHeaderBytes,
        Duration requestReadTimeout,
        Duration idleTimeout) {

    /** The defaults of {@code tokenhook serve}: far above what one client or address needs, so only abuse meets them. */
    public static final Limits DEFAULTS = new Limits(Rate.perSecond(1_000), Rate.perSecond(5_000), Rate.perSecond(100),
            Rate.perSecond(20), 5, Duration.ofMinutes(5), new Rate(100, Duration.ofMinutes(10)), List.of(), 8 * 1024,
            Duration.ofSeconds(10), Duration.ofSeconds(120));

    /** The defaults without any rate limit or back-off; the connection limits stay. */
    public static final Limits NO_RATE_LIMITS = DEFAULTS.withRates(Rate.OFF, Rate.OFF, Rate.OFF, Rate.OFF)
            .withAuthBackoff(0, DEFAULTS.authBackoffMax(), Rate.OFF);

    public Limits {
        if (authBackoffAfter < 0) throw new IllegalArgumentException("--auth-backoff-after cannot be negative");
        if (maxHeaderBytes < 1024) throw new IllegalArgumentException("--max-header-size must be at least 1024 (it cannot be off: Jetty reads headers into a buffer of that size)");
        requireNonNegative(authBackoffMax, "--auth-backoff-max");
        requireNonNegative(requestReadTimeout, "--request-read-timeout");
        requireNonNegative(idleTimeout, "--idle-timeout");
        trustedProxies = List.copyOf(trustedProxies);
        new ClientAddress(trustedProxies);   // refuses what is not an address or a CIDR range
        if (authBackoffAfter > 0 && authBackoffMax.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("--auth-backoff-max must be at least 1s while the back-off is on");
        }
    }

    private static void requireNonNegative(Duration d, String flag) {
        if (d == null || d.isNegative()) throw new IllegalArgumentException(flag + " cannot be negative");
    }

    public Limits withRates(Rate tokenPerClient, Rate tokenPerAddress, Rate apiPerCaller, Rate apiPerAddress) {
        return new Limits(tokenPerClient, tokenPerAddress, apiPerCaller, apiPerAddress, authBackoffAfter, authBackoffMax,
                authFailuresPerClient, trustedProxies, maxHeaderBytes, requestReadTimeout, idleTimeout);
    }

    public Limits withAuthBackoff(int after, Duration max, Rate failuresPerClient) {
        return new Limits(tokenPerClient, tokenPerAddress, apiPerCaller, apiPerAddress, after, max, failuresPerClient,
                trustedProxies, maxHeaderBytes, requestReadTimeout, idleTimeout);
    }

    public Limits withTrustedProxies(List<String> proxies) {
        return new Limits(tokenPerClient, tokenPerAddress, apiPerCaller, apiPerAddress, authBackoffAfter, authBackoffMax,
                authFailuresPerClient, proxies, maxHeaderBytes, requestReadTimeout, idleTimeout);
    }

    public Limits withConnections(int maxHeaderBytes, Duration requestReadTimeout, Duration idleTimeout) {
        return new Limits(tokenPerClient, tokenPerAddress, apiPerCaller, apiPerAddress, authBackoffAfter, authBackoffMax,
                authFailuresPerClient, trustedProxies, maxHeaderBytes, requestReadTimeout, idleTimeout);
    }
}
