package io.tokenhook.http;

import com.github.benmanes.caffeine.cache.Ticker;
import io.tokenhook.management.ApiError;
import io.tokenhook.management.CallLimits;
import io.tokenhook.management.Caller;

import java.time.InstantSource;
import java.util.Map;

/** The Management API's limits: calls per authenticated caller, and failed-authentication calls per address. */
final class ApiLimits implements CallLimits {
    private final RateLimiter perCaller;
    private final RateLimiter perAddress;
    private final Rejections rejections;

    ApiLimits(Limits limits, Ticker ticker, InstantSource clock, Rejections rejections) {
        this.perCaller = limits.apiPerCaller().off() ? null : new RateLimiter(limits.apiPerCaller(), ticker, clock);
        this.perAddress = limits.apiPerAddress().off() ? null : new RateLimiter(limits.apiPerAddress(), ticker, clock);
        this.rejections = rejections;
    }

    @Override
    public Map<String, String> admit(Caller caller) {
        // an application by its client id, a dashboard user by name: the two never collide
        String key = caller.clientId() != null ? "client " + caller.clientId() : "user " + caller.actor();
        return take(perCaller, key, Rejections.API_CALLER, "Too many requests from this caller");
    }

    @Override
    public Map<String, String> unauthenticated(String address) {
        return take(perAddress, address, Rejections.API_ADDRESS, "Too many unauthenticated requests from this address");
    }

    private Map<String, String> take(RateLimiter limiter, String key, String limit, String message) {
        if (limiter == null) return Map.of();
        var verdict = limiter.take(key);
        var headers = limiter.headers(verdict);
        if (!verdict.allowed()) {
            rejections.count(limit);
            throw ApiError.tooManyRequests(message, headers);
        }
        return headers;
    }
}
