package io.tokenhook.fuzz;

import com.nimbusds.jwt.SignedJWT;
import io.tokenhook.support.TestServer;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.IOException;
import java.text.ParseException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static io.tokenhook.support.TestServer.params;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the whole HTTP surface of one real server (SQLite or PostgreSQL, as the run's store) with
 * {@value #TOTAL_CASES} generated requests: the token endpoint, every Management API route, the dashboard and
 * made-up paths. Every answer must keep the rules of {@link ResponseChecks} (no 5xx, no stack trace, class name or
 * SQL, the route's envelope), and after each property the server must still be healthy: {@code /healthz}, a good
 * exchange, and its log event written. A failing request is printed as an HTTP message, shrunk by jqwik.
 */
class HttpFuzzTest {
    static final int TOKEN_CASES = 3_000;
    static final int API_CASES = 5_500;
    static final int OTHER_CASES = 1_500;
    static final int TOTAL_CASES = TOKEN_CASES + API_CASES + OTHER_CASES;
    private static final String CANARY_AUDIENCE = "https://canary.fuzz.example/";

    private static TestServer server;
    private static Fixtures fixtures;
    private static TestServer.App canary;
    private static FuzzClient client;
    private static volatile String adminToken;
    private static final AtomicInteger sent = new AtomicInteger();

    @BeforeContainer
    static void start() {
        server = TestServer.start();
        canary = server.appWithGrant(CANARY_AUDIENCE, List.of("read:canary"), List.of("read:canary"));
        fixtures = Fixtures.create(server);
        client = new FuzzClient(server.baseUrl(), HttpFuzzTest::adminToken);
    }

    @AfterContainer
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

    @Property(tries = TOKEN_CASES, generation = GenerationMode.RANDOMIZED)
    void tokenEndpointAnswersEveryRequestCleanly(@ForAll("tokenRequests") FuzzRequest request) {
        check(request);
    }

    @Property(tries = API_CASES, generation = GenerationMode.RANDOMIZED)
    void managementApiAnswersEveryRequestCleanly(@ForAll("apiRequests") FuzzRequest request) {
        check(request);
    }

    @Property(tries = OTHER_CASES, generation = GenerationMode.RANDOMIZED)
    void dashboardAndOtherPathsAnswerEveryRequestCleanly(@ForAll("otherRequests") FuzzRequest request) {
        check(request);
    }

    @Provide
    Arbitrary<FuzzRequest> tokenRequests() {
        return new TokenRequests(fixtures).any();
    }

    @Provide
    Arbitrary<FuzzRequest> apiRequests() {
        return new ApiRequests(fixtures).any();
    }

    @Provide
    Arbitrary<FuzzRequest> otherRequests() {
        return OtherRequests.any();
    }

    private static void check(FuzzRequest request) {
        FuzzClient.Response response;
        try {
            response = client.send(request);
        } catch (IOException e) {
            throw new AssertionError("no answer (" + e + ") to\n" + request, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        sent.incrementAndGet();
        // revoking a previous key ends the tokens it signed, the fuzzer's own among them
        if (request.path().endsWith("/revoke") && response.status() == 200) adminToken = null;
        var problems = ResponseChecks.violations(request, response);
        if (!problems.isEmpty()) {
            throw new AssertionError(String.join("; ", problems) + "\n--- request\n" + request + "\n--- response\n" + response);
        }
    }

    /** After each property: healthy, a good exchange works and its log event is written. */
    @AfterProperty
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
