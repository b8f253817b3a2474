package io.tokenhook.fuzz;

import com.nimbusds.jwt.SignedJWT;
import io.tokenhook.support.TestServer;
import io.tokenhook.fuzz.gen.Arbitrary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.text.ParseException;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static io.tokenhook.support.TestServer.params;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the whole HTTP surface of one real server (SQLite or PostgreSQL, as the run's store) with
 * {@value #TOTAL_CASES} generated requests: the token endpoint, every Management API route, the dashboard and
 * made-up paths. Every answer must keep the rules of {@link ResponseChecks} (no 5xx, no stack trace, class name or
 * SQL, the route's envelope), and after each test the server must still be healthy: {@code /healthz}, a good
 * exchange, and its log event written.
 *
 * <p>Each test draws its requests from {@code new Random(seed)}: the seed is {@value #SEED_PROPERTY} when set, else
 * the clock, and is printed at the start and in every failure with the case number and the request, so
 * {@code -Dtokenhook.fuzz.seed=N} replays the run. There is no shrinking: the failing request is printed as drawn.
 */
class HttpFuzzTest {
    static final int TOKEN_CASES = 3_000;
    static final int API_CASES = 5_500;
    static final int OTHER_CASES = 1_500;
    static final int TOTAL_CASES = TOKEN_CASES + API_CASES + OTHER_CASES;
    static final String SEED_PROPERTY = "tokenhook.fuzz.seed";
    private static final String CANARY_AUDIENCE = "https://canary.fuzz.example/";

    private static TestServer server;
    private static Fixtures fixtures;
    private static TestServer.App canary;
    private static FuzzClient client;
    private static volatile String adminToken;
    private static final AtomicInteger sent = new AtomicInteger();
    private static final long seed = Long.getLong(SEED_PROPERTY, System.currentTimeMillis());

    @BeforeAll
    static void start() {
        System.out.println("HttpFuzzTest seed " + seed + " (replay with -D" + SEED_PROPERTY + "=" + seed + ")");
        server = TestServer.start();
        canary = server.appWithGrant(CANARY_AUDIENCE, List.of("read:canary"), List.of("read:canary"));
        fixtures = Fixtures.create(server);
        client = new FuzzClient(server.baseUrl(), HttpFuzzTest::adminToken);
    }

    @AfterAll
    static void stop() {
        try {
            assertThat(sent.get()).as("requests sent").isGreaterThanOrEqualTo(TOTAL_CASES);
        } finally {
            if (server != null) server.close();
        }
    }

    private static String adminToken() {
        if (adminToken == null) adminToken = server.accessToken(TestServer.ADMIN_ID, TestServer.ADMIN_SECRET, server.managementAudience());
        return adminToken;
    }

    @Test
    void tokenEndpointAnswersEveryRequestCleanly() {
        run(TOKEN_CASES, new TokenRequests(fixtures).any());
    }

    @Test
    void managementApiAnswersEveryRequestCleanly() {
        run(API_CASES, new ApiRequests(fixtures).any());
    }

    @Test
    void dashboardAndOtherPathsAnswerEveryRequestCleanly() {
        run(OTHER_CASES, OtherRequests.any());
    }

    /** Sends {@code cases} requests drawn from the seed; a failure names the seed, the case and the request. */
    private static void run(int cases, Arbitrary<FuzzRequest> requests) {
        var random = new Random(seed);
        for (int i = 1; i <= cases; i++) {
            FuzzRequest request = null;
            try {
                request = requests.generate(random);
                check(request);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("fuzz case " + i + " of " + cases + " failed (seed " + seed + ", replay with -D" + SEED_PROPERTY
                        + "=" + seed + "; no shrinking): " + e.getMessage()
                        + (request == null ? "\n--- while drawing the request" : "\n--- request\n" + request), e);
            }
        }
    }

    private static void check(FuzzRequest request) {
        FuzzClient.Response response;
        try {
            response = client.send(request);
        } catch (IOException e) {
            throw new AssertionError("no answer (" + e + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        sent.incrementAndGet();
        // revoking a previous key ends the tokens it signed, the fuzzer's own among them
        if (request.path().endsWith("/revoke") && response.status() == 200) adminToken = null;
        var problems = ResponseChecks.violations(request, response);
        if (!problems.isEmpty()) {
            throw new AssertionError(String.join("; ", problems) + "\n--- response\n" + response);
        }
    }

    /** After each test: healthy, a good exchange works and its log event is written. */
    @AfterEach
    void serverIsHealthyAfterwards() throws InterruptedException {
        assertThat(server.get("/healthz").status()).isEqualTo(200);
        var exchange = server.tokenForm(params("grant_type", "client_credentials", "client_id", canary.clientId(),
                "client_secret", canary.clientSecret(), "audience", CANARY_AUDIENCE));
        assertThat(exchange.status()).as(exchange.text()).isEqualTo(200);
        String jti = jti(exchange.json().get("access_token").asText());
        String logs = "/logs?q=" + FuzzStrings.encode("type:seccft client_id:" + canary.clientId());
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!server.api("GET", logs, null, adminToken()).text().contains(jti)) {
            assertThat(System.nanoTime()).as("the exchange's event is written within 10 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static String jti(String token) {
        try {
            return SignedJWT.parse(token).getJWTClaimsSet().getJWTID();
        } catch (ParseException e) {
            throw new AssertionError("not a JWT: " + token, e);
        }
    }
}
