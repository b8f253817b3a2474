package io.tokenhook.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** {@code tokenhook_limit_rejections_total{limit}}: requests and connections each limit refused. */
final class Rejections {
    static final String TOKEN_ADDRESS = "token_address";
    static final String TOKEN_CLIENT = "token_client";
    static final String AUTH_BACKOFF = "auth_backoff";
    static final String API_CALLER = "api_caller";
    static final String API_ADDRESS = "api_address";
    static final String HEADER_SIZE = "header_size";
    static final String REQUEST_READ_TIMEOUT = "request_read_timeout";

    private final Map<String, Counter> counters;

    /** Registers every limit's counter at once, so each shows 0 until it refuses something. */
    Rejections(MeterRegistry registry) {
        counters = Stream.of(TOKEN_ADDRESS, TOKEN_CLIENT, AUTH_BACKOFF, API_CALLER, API_ADDRESS, HEADER_SIZE, REQUEST_READ_TIMEOUT)
                .collect(Collectors.toUnmodifiableMap(Function.identity(), limit -> Counter.builder("tokenhook.limit.rejections")
                        .description("Requests or connections refused by an abuse limit").tag("limit", limit).register(registry)));
    }

    void count(String limit) {
        counters.get(limit).increment();
    }
}
