package io.tokenhook.http;

import io.tokenhook.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Management API's rate limits over real HTTP: per caller for authenticated calls, with Auth0's
 * {@code X-RateLimit-*} headers on every answer, and per source address for calls that fail authentication.
 */
class ApiLimitsTest {
    private static final int PER_CALLER = 30;
    private static final int PER_ADDRESS = 3;
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.startWith(Limits.NO_RATE_LIMITS
                .withRates(Rate.OFF, Rate.OFF, new Rate(PER_CALLER, Duration.ofMinutes(1)), new Rate(PER_ADDRESS, Duration.ofMinutes(1)))
                .withTrustedProxies(List.of("127.0.0.1")));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everyAnswerCarriesTheCallersQuota() {
        String caller = newCaller();
        var first = server.api("GET", "/clients", null, caller);
        var second = server.api("GET", "/clients/no-such-client", null, caller);

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(404);
        assertThat(first.header("X-RateLimit-Limit")).isEqualTo(Integer.toString(PER_CALLER));
        assertThat(first.header("X-RateLimit-Remaining")).isEqualTo(Integer.toString(PER_CALLER - 1));
        assertThat(second.header("X-RateLimit-Remaining")).isEqualTo(Integer.toString(PER_CALLER - 2));
        assertThat(Long.parseLong(first.header("X-RateLimit-Reset"))).isBetween(Instant.now().getEpochSecond(),
                Instant.now().plusSeconds(61).getEpochSecond());
    }

    @Test
    void overItsRateACallerGets429InAuth0sEnvelopeAndOthersGoOn() {
        String caller = newCaller();
        var burst = Burst.untilRefused(2 * PER_CALLER, i -> server.api("GET", "/clients", null, caller));
        var refused = burst.refused();

        assertThat(burst.answered()).isBetween(PER_CALLER, PER_CALLER + 3);   // one more token every 2 s
        assertThat(refused.json().get("statusCode").asInt()).isEqualTo(429);
        assertThat(refused.json().get("error").asText()).isEqualTo("Too Many Requests");
        assertThat(refused.json().get("message").asText()).isEqualTo("Too many requests from this caller");
        assertThat(refused.json().get("errorCode").asText()).isEqualTo("too_many_requests");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 2L);   // 30 a minute: one every 2 s
        assertThat(refused.header("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(server.api("GET", "/clients", null, newCaller()).status()).as("another caller").isEqualTo(200);
        assertThat(server.metric("tokenhook_limit_rejections_total{limit=\"api_caller\"}")).isPositive();
    }

    @Test
    void callsThatFailAuthenticationAreCountedPerAddress() {
        for (int i = 0; i < PER_ADDRESS; i++) {
            var r = unauthenticated("198.51.100.7");
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.header("X-RateLimit-Remaining")).isEqualTo(Integer.toString(PER_ADDRESS - 1 - i));
        }
        var refused = unauthenticated("198.51.100.7");

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().get("errorCode").asText()).isEqualTo("too_many_requests");
        assertThat(refused.json().get("message").asText()).isEqualTo("Too many unauthenticated requests from this address");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(15L, 20L);   // 3 a minute: one every 20 s
        assertThat(unauthenticated("198.51.100.8").status()).as("another address").isEqualTo(401);
        // an authenticated caller from the same address is counted as itself, not as the address
        var authenticated = server.send(server.request("/api/v2/clients").header("Authorization", "Bearer " + newCaller())
                .header("X-Forwarded-For", "198.51.100.7").GET());
        assertThat(authenticated.status()).isEqualTo(200);
        assertThat(server.metric("tokenhook_limit_rejections_total{limit=\"api_address\"}")).isPositive();
    }

    /** A token of a new application granted read:clients on the Management API. */
    private static String newCaller() {
        var app = server.createApp("caller");
        String clientId = app.get("client_id").asText();
        server.grant(clientId, server.managementAudience(), "read:clients");
        return server.accessToken(clientId, app.get("client_secret").asText(), server.managementAudience());
    }

    private static TestServer.Response unauthenticated(String address) {
        return server.send(server.request("/api/v2/clients").header("Authorization", "Bearer not-a-token")
                .header("X-Forwarded-For", address).GET());
    }
}
