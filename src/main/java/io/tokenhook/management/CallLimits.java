package io.tokenhook.management;

import java.util.Map;

/**
 * The rate limits of Management API calls: per authenticated caller, and per source address for calls that fail
 * authentication. Each answer is the headers the response carries ({@code X-RateLimit-Limit},
 * {@code X-RateLimit-Remaining}, {@code X-RateLimit-Reset}, as Auth0 sends them); a refusal is an {@link ApiError}
 * 429 {@code too_many_requests} that carries them with {@code Retry-After}.
 */
public interface CallLimits {
    /** No limits. */
    CallLimits NONE = new CallLimits() {
        @Override public Map<String, String> admit(Caller caller) { return Map.of(); }
        @Override public Map<String, String> unauthenticated(String address) { return Map.of(); }
    };

    /** Counts a call of {@code caller}. */
    Map<String, String> admit(Caller caller);

    /** Counts a call from {@code address} that failed authentication. */
    Map<String, String> unauthenticated(String address);
}
