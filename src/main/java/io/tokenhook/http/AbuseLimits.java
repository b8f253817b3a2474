package io.tokenhook.http;

import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.MeterRegistry;
import io.tokenhook.management.CallLimits;
import io.tokenhook.oauth.ExchangeLimits;

import java.time.InstantSource;

/**
 * The request limits of one node, from its {@link Limits}: what the token endpoint and the Management API count
 * their requests against, in memory. Each node counts on its own: behind a load balancer over N nodes a client
 * gets up to N times each rate. Refusals are counted in {@code tokenhook_limit_rejections_total{limit}}.
 */
public final class AbuseLimits {
    private final Limits limits;
    private final Rejections rejections;
    private final TokenLimits tokenLimits;
    private final ApiLimits apiLimits;

    public AbuseLimits(Limits limits, InstantSource clock, MeterRegistry metrics) {
        this(limits, Ticker.systemTicker(), clock, metrics);
    }

    AbuseLimits(Limits limits, Ticker ticker, InstantSource clock, MeterRegistry metrics) {
        this.limits = limits;
        this.rejections = new Rejections(metrics);
        this.tokenLimits = new TokenLimits(limits, ticker, clock, rejections);
        this.apiLimits = new ApiLimits(limits, ticker, clock, rejections);
    }

    public Limits limits() {
        return limits;
    }

    public ExchangeLimits tokenEndpoint() {
        return tokenLimits;
    }

    public CallLimits managementApi() {
        return apiLimits;
    }

    Rejections rejections() {
        return rejections;
    }
}
