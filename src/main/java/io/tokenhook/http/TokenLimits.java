package io.tokenhook.http;

import com.github.benmanes.caffeine.cache.Ticker;
import io.tokenhook.oauth.ExchangeLimits;
import io.tokenhook.oauth.OAuthError;

import java.time.InstantSource;
import java.util.Map;

/** The token endpoint's limits: rates per source address and per presented client id, and the back-off. */
final class TokenLimits implements ExchangeLimits {
    /** Longer client ids than any real one are counted by their first this many characters, to bound memory. */
    private static final int MAX_CLIENT_ID = 128;

    private final RateLimiter perAddress;
    private final RateLimiter perClient;
    private final FailedAuthentications failures;
    private final int backoffAfter;
    private final InstantSource clock;
    private final Rejections rejections;

    TokenLimits(Limits limits, Ticker ticker, InstantSource clock, Rejections rejections) {
        this.perAddress = limits.tokenPerAddress().off() ? null : new RateLimiter(limits.tokenPerAddress(), ticker, clock);
        this.perClient = limits.tokenPerClient().off() ? null : new RateLimiter(limits.tokenPerClient(), ticker, clock);
        this.backoffAfter = limits.authBackoffAfter();
        this.failures = backoffAfter == 0 ? null : new FailedAuthentications(backoffAfter, limits.authBackoffMax(),
                limits.authFailuresPerClient(), ticker, clock);
        this.clock = clock;
        this.rejections = rejections;
    }

    @Override
    public void admitAddress(String address) {
        take(perAddress, address, Rejections.TOKEN_ADDRESS, "Too many requests from this address");
    }

    @Override
    public void admitClient(String clientId, String address) {
        if (clientId == null) return;   // refused as invalid_client anyway
        String id = bounded(clientId);
        take(perClient, id, Rejections.TOKEN_CLIENT, "Too many requests for this client");
        if (failures == null) return;
        long wait = failures.waitNanos(id, address);
        if (wait > 0) {
            rejections.count(Rejections.AUTH_BACKOFF);
            throw OAuthError.tooManyRequests("Too many failed authentications of this client from this address; try again later",
                    Map.of("Retry-After", Long.toString(RateLimiter.seconds(wait)),
                            "X-RateLimit-Limit", Integer.toString(backoffAfter),
                            "X-RateLimit-Remaining", "0",
                            "X-RateLimit-Reset", Long.toString(RateLimiter.epochSecondAfter(clock, wait))));
        }
    }

    @Override
    public void authenticated(String clientId, String address) {
        if (failures != null) failures.succeeded(bounded(clientId), address);
    }

    @Override
    public void authenticationFailed(String clientId, String address) {
        if (failures != null && clientId != null) failures.failed(bounded(clientId), address);
    }

    private void take(RateLimiter limiter, String key, String limit, String description) {
        if (limiter == null) return;
        var verdict = limiter.take(key);
        if (!verdict.allowed()) {
            rejections.count(limit);
            throw OAuthError.tooManyRequests(description, limiter.headers(verdict));
        }
    }

    private static String bounded(String clientId) {
        return clientId.length() > MAX_CLIENT_ID ? clientId.substring(0, MAX_CLIENT_ID) : clientId;
    }
}
