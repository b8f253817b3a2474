package io.tokenhook.app;

import io.tokenhook.http.Limits;
import io.tokenhook.http.Rate;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The abuse-limit flags of {@code serve}, each with its environment variable; {@code 0} turns a limit off (all
 * but the header size, which Jetty needs). The
 * defaults here are {@link Limits#DEFAULTS}, written out (a test holds them equal).
 */
final class LimitOptions {
    @Option(names = "--token-limit-per-client", defaultValue = "${env:TOKENHOOK_TOKEN_LIMIT_PER_CLIENT:-1000/s}",
            description = "POST /oauth/token requests per client id and node, e.g. 1000/s or 600/m; 0 = off (TOKENHOOK_TOKEN_LIMIT_PER_CLIENT, default ${DEFAULT-VALUE}).")
    String tokenPerClient;

    @Option(names = "--token-limit-per-ip", defaultValue = "${env:TOKENHOOK_TOKEN_LIMIT_PER_IP:-5000/s}",
            description = "POST /oauth/token requests per source address and node; 0 = off (TOKENHOOK_TOKEN_LIMIT_PER_IP, default ${DEFAULT-VALUE}).")
    String tokenPerAddress;

    @Option(names = "--api-limit-per-caller", defaultValue = "${env:TOKENHOOK_API_LIMIT_PER_CALLER:-100/s}",
            description = "Management API calls per application or dashboard user and node; 0 = off (TOKENHOOK_API_LIMIT_PER_CALLER, default ${DEFAULT-VALUE}).")
    String apiPerCaller;

    @Option(names = "--api-limit-per-ip", defaultValue = "${env:TOKENHOOK_API_LIMIT_PER_IP:-20/s}",
            description = "Management API calls that fail authentication, per source address and node; 0 = off (TOKENHOOK_API_LIMIT_PER_IP, default ${DEFAULT-VALUE}).")
    String apiPerAddress;

    @Option(names = "--auth-backoff-after", defaultValue = "${env:TOKENHOOK_AUTH_BACKOFF_AFTER:-5}",
            description = "Failed authentications of one client id from one address before each further one makes it wait; 0 = off (TOKENHOOK_AUTH_BACKOFF_AFTER, default ${DEFAULT-VALUE}).")
    int authBackoffAfter;

    @Option(names = "--auth-backoff-max", defaultValue = "${env:TOKENHOOK_AUTH_BACKOFF_MAX:-5m}",
            description = "The longest of those waits, which double from 1s (TOKENHOOK_AUTH_BACKOFF_MAX, default ${DEFAULT-VALUE}).")
    String authBackoffMax;

    @Option(names = "--auth-failures-per-client", defaultValue = "${env:TOKENHOOK_AUTH_FAILURES_PER_CLIENT:-100/10m}",
            description = "Failed authentications of one client id from all addresses before addresses new to it wait the longest after one failure; 0 = off (TOKENHOOK_AUTH_FAILURES_PER_CLIENT, default ${DEFAULT-VALUE}).")
    String authFailuresPerClient;

    @Option(names = "--trusted-proxies", defaultValue = "${env:TOKENHOOK_TRUSTED_PROXIES:-}",
            description = "Comma-separated addresses or CIDR ranges of proxies whose X-Forwarded-For names the client (TOKENHOOK_TRUSTED_PROXIES, default none).")
    String trustedProxies;

    @Option(names = "--max-header-size", defaultValue = "${env:TOKENHOOK_MAX_HEADER_SIZE:-8192}",
            description = "Bytes of request line and headers, at least 1024; larger requests get 431 (TOKENHOOK_MAX_HEADER_SIZE, default ${DEFAULT-VALUE}).")
    int maxHeaderBytes;

    @Option(names = "--request-read-timeout", defaultValue = "${env:TOKENHOOK_REQUEST_READ_TIMEOUT:-10s}",
            description = "How long a new connection may take to send its first request line, and a request its headers, then its body; 0 = off (TOKENHOOK_REQUEST_READ_TIMEOUT, default ${DEFAULT-VALUE}).")
    String requestReadTimeout;

    @Option(names = "--idle-timeout", defaultValue = "${env:TOKENHOOK_IDLE_TIMEOUT:-120s}",
            description = "How long a connection may stay silent (TOKENHOOK_IDLE_TIMEOUT, default ${DEFAULT-VALUE}).")
    String idleTimeout;

    /** @throws IllegalArgumentException naming the flag whose value is wrong */
    Limits toLimits() {
        List<String> proxies = trustedProxies == null || trustedProxies.isBlank() ? List.of()
                : Arrays.stream(trustedProxies.split(",")).map(String::trim).filter(p -> !p.isEmpty()).toList();
        return new Limits(rate("--token-limit-per-client", tokenPerClient), rate("--token-limit-per-ip", tokenPerAddress),
                rate("--api-limit-per-caller", apiPerCaller), rate("--api-limit-per-ip", apiPerAddress), authBackoffAfter,
                duration("--auth-backoff-max", authBackoffMax), rate("--auth-failures-per-client", authFailuresPerClient),
                proxies, maxHeaderBytes, duration("--request-read-timeout", requestReadTimeout),
                duration("--idle-timeout", idleTimeout));
    }

    private static Rate rate(String flag, String value) {
        try {
            return Rate.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(flag + ": " + e.getMessage());
        }
    }

    private static Duration duration(String flag, String value) {
        if (value.trim().equals("0") || value.trim().equals("off")) return Duration.ZERO;
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(flag + ": " + e.getMessage());
        }
    }
}
