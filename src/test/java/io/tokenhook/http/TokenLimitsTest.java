package io.tokenhook.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.tokenhook.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import static io.tokenhook.support.TestServer.params;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The token endpoint's abuse limits over real HTTP. The server trusts 127.0.0.1 as a proxy, so each test speaks
 * from its own addresses through {@code X-Forwarded-For} and uses its own application.
 */
class TokenLimitsTest {
    private static final String AUDIENCE = "https://api.example.com/limits";
    private static final Duration MAX_WAIT = Duration.ofSeconds(4);
    static final Limits LIMITS = Limits.NO_RATE_LIMITS
            .withRates(new Rate(15, Duration.ofMinutes(1)), new Rate(10, Duration.ofSeconds(20)), Rate.OFF, Rate.OFF)
            .withAuthBackoff(2, MAX_WAIT, new Rate(4, Duration.ofMinutes(10)))
            .withTrustedProxies(List.of("127.0.0.1"));
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.startWith(LIMITS);
        server.createApi(AUDIENCE, "read");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void overTheAddressRateTheTokenEndpointAnswers429BeforeReadingTheRequest() {
        var burst = Burst.untilRefused(20, i -> garbage("203.0.113.10"));

        assertThat(burst.answered()).isBetween(10, 12);   // one more token every 2 s
        assertTooManyRequests(burst.refused(), "Too many requests from this address", 10, 2);
        assertThat(garbage("203.0.113.11").status()).as("another address").isEqualTo(400);
        assertThat(metric("token_address")).isPositive();
    }

    @Test
    void overTheClientRateTheTokenEndpointAnswers429AndLogsNothingOfIt() {
        var app = app();
        var burst = Burst.untilRefused(30, i -> token("203.0.113." + (100 + i), app.clientId(), app.clientSecret()));

        assertThat(burst.answered()).isBetween(15, 16);   // one more token every 4 s
        assertTooManyRequests(burst.refused(), "Too many requests for this client", 15, 4);
        assertThat(metric("token_client")).isPositive();
        // the log has the exchanges, each with the address the proxy named, and nothing of the refusal
        var marker = app();
        token("203.0.113.30", marker.clientId(), "wrong");
        server.awaitLog("client_id:" + marker.clientId());
        JsonNode logged = server.apiOk("GET", "/logs?q=" + URLEncoder.encode("client_id:" + app.clientId(), StandardCharsets.UTF_8), null, 200);
        assertThat(logged).hasSize(burst.answered());
        assertThat(logged).extracting(e -> e.get("ip").asText()).allMatch(ip -> ip.matches("203\\.0\\.113\\.1[01]\\d"));
    }

    @Test
    void aRefusedAddressGetsInAgainOnceItsBucketRefills() throws InterruptedException {
        var refused = Burst.untilRefused(20, i -> garbage("203.0.113.12")).refused();

        // one token every 2 s (10 per 20 s), as Retry-After says
        assertThat(afterRetryAfter(refused, () -> garbage("203.0.113.12")).status()).isEqualTo(400);
    }

    @Test
    void failuresMakeTheClientWaitLongerEachTimeAndASuccessForgetsThem() throws InterruptedException {
        var app = app();
        String from = "203.0.113.50";
        assertThat(token(from, app.clientId(), "wrong").status()).isEqualTo(401);
        assertThat(token(from, app.clientId(), "wrong").status()).isEqualTo(401);   // the second: now it waits 1 s
        var first = token(from, app.clientId(), "wrong");
        assertBackOff(first, 1);

        assertThat(afterRetryAfter(first, () -> token(from, app.clientId(), "wrong")).status()).isEqualTo(401);
        var second = token(from, app.clientId(), app.clientSecret());
        assertBackOff(second, 2);                                                      // even the right secret waits

        var success = afterRetryAfter(second, () -> token(from, app.clientId(), app.clientSecret()));
        assertThat(success.json().has("access_token")).as(success.text()).isTrue();
        assertThat(token(from, app.clientId(), "wrong").status()).as("the success forgot the failures").isEqualTo(401);
        assertThat(token(from, app.clientId(), app.clientSecret()).status()).isEqualTo(200);
        assertThat(metric("auth_backoff")).isPositive();
    }

    @Test
    void anAttackerMadeToWaitDoesNotKeepTheClientOutFromItsOwnAddress() {
        var app = app();
        for (int i = 0; i < 3; i++) token("198.51.100.66", app.clientId(), "guess-" + i);
        assertThat(token("198.51.100.66", app.clientId(), app.clientSecret()).status()).isEqualTo(429);

        assertThat(token("203.0.113.60", app.clientId(), app.clientSecret()).status()).isEqualTo(200);
    }

    @Test
    void onceAClientsFailureBudgetIsSpentNewAddressesWaitTheLongestAfterOneFailure() {
        var app = app();
        String known = "203.0.113.70";
        assertThat(token(known, app.clientId(), app.clientSecret()).status()).isEqualTo(200);
        for (String attacker : List.of("198.51.100.71", "198.51.100.72", "198.51.100.73")) {   // 6 failures: the budget
            token(attacker, app.clientId(), "guess");
            token(attacker, app.clientId(), "guess");
        }

        assertThat(token("198.51.100.74", app.clientId(), "guess").status()).isEqualTo(401);
        assertBackOff(token("198.51.100.74", app.clientId(), "guess"), MAX_WAIT.toSeconds());
        // the address the client used before keeps the ordinary rule: one failure does not make it wait
        assertThat(token(known, app.clientId(), "typo").status()).isEqualTo(401);
        assertThat(token(known, app.clientId(), app.clientSecret()).status()).isEqualTo(200);
        // and an address that has not failed is never refused
        assertThat(token("203.0.113.75", app.clientId(), app.clientSecret()).status()).isEqualTo(200);
    }

    // ---- helpers

    /** @param retryAfter seconds between two tokens of the bucket: what Retry-After says, at most */
    private static void assertTooManyRequests(TestServer.Response r, String description, long limit, long retryAfter) {
        assertThat(r.status()).as(r.text()).isEqualTo(429);
        assertThat(r.json().get("error").asText()).isEqualTo("too_many_requests");
        assertThat(r.json().get("error_description").asText()).isEqualTo(description);
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
        assertThat(Long.parseLong(r.header("Retry-After"))).isBetween(1L, retryAfter);
        assertThat(r.header("X-RateLimit-Limit")).isEqualTo(Long.toString(limit));
        assertThat(r.header("X-RateLimit-Remaining")).isEqualTo("0");
        long reset = Long.parseLong(r.header("X-RateLimit-Reset"));
        assertThat(reset).isBetween(Instant.now().getEpochSecond(), Instant.now().plusSeconds(61).getEpochSecond());
    }

    private static void assertBackOff(TestServer.Response r, long seconds) {
        assertThat(r.status()).as(r.text()).isEqualTo(429);
        assertThat(r.json().get("error").asText()).isEqualTo("too_many_requests");
        assertThat(r.json().get("error_description").asText()).contains("failed authentications");
        assertThat(r.header("Retry-After")).isEqualTo(Long.toString(seconds));
        assertThat(r.header("X-RateLimit-Remaining")).isEqualTo("0");
    }

    /**
     * Waits as {@code refused}'s {@code Retry-After} says, as a client would, then sends {@code request}; while
     * the refusal outlasts it by a rounding error, tries again every 200 ms (a tight poll would spend the rate it
     * waits for), and fails after 2 s more.
     */
    private static TestServer.Response afterRetryAfter(TestServer.Response refused, Supplier<TestServer.Response> request)
            throws InterruptedException {
        Thread.sleep(Long.parseLong(refused.header("Retry-After")) * 1000);
        TestServer.Response last = request.get();
        for (int i = 0; i < 10 && last.status() == 429; i++) {
            Thread.sleep(200);
            last = request.get();
        }
        return last;
    }

    private static TestServer.App app() {
        var app = server.createApp("limited");
        server.grant(app.get("client_id").asText(), AUDIENCE, "read");
        return new TestServer.App(app.get("client_id").asText(), app.get("client_secret").asText());
    }

    private static TestServer.Response token(String address, String clientId, String secret) {
        String form = TestServer.form(params("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret,
                "audience", AUDIENCE));
        return server.send(server.request("/oauth/token").header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Forwarded-For", address).POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /** A token request refused as malformed (400) after the address limit counted it. */
    private static TestServer.Response garbage(String address) {
        return server.send(server.request("/oauth/token").header("Content-Type", "text/plain").header("X-Forwarded-For", address)
                .POST(HttpRequest.BodyPublishers.ofString("nonsense")));
    }

    private static double metric(String limit) {
        return server.metric("tokenhook_limit_rejections_total{limit=\"" + limit + "\"}");
    }
}
