package io.tokenhook.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tokenhook.events.EventLog;
import io.tokenhook.hooks.GraalHookRunner;
import io.tokenhook.hooks.HookRuntimeConfig;
import io.tokenhook.oauth.ClientAuthenticator;
import io.tokenhook.oauth.ExchangeLimits;
import io.tokenhook.oauth.TokenEndpoint;
import io.tokenhook.store.JdbcStore;
import io.tokenhook.store.MasterKeySource;
import io.tokenhook.support.SeedHook;
import io.tokenhook.tenant.Client;
import io.tokenhook.tenant.ClientGrant;
import io.tokenhook.tenant.Hook;
import io.tokenhook.tenant.ResourceServer;
import io.tokenhook.tenant.TenantSnapshot;
import io.tokenhook.token.CryptoProvider;
import io.tokenhook.token.KeyGenerator;
import io.tokenhook.token.KeyRing;
import io.tokenhook.token.TokenIssuer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The whole exchange without HTTP: {@link TokenEndpoint#exchange} on a form body, with client authentication, the
 * grant decision, the seed page's hook (or none), signing with the server's provider, and the log event queued to a
 * real SQLite store. Throughput; run on both cores: {@code bench/jmh Exchange -t 2}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 5)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class ExchangeBenchmark {
    private static final String CLIENT_ID = "benchClient0123456789abcdefghijk";
    private static final String SECRET = "bench-client-secret-0123456789abcdefghijklmnop";
    private static final String AUDIENCE = "https://api.example.com/data";

    @Param({"RS256", "ES256", "EdDSA"})
    public String alg;

    @Param({"false", "true"})
    public boolean hook;

    private JdbcStore store;
    private EventLog events;
    private GraalHookRunner hooks;
    private TokenEndpoint endpoint;
    private TokenEndpoint.Exchange request;

    @Setup
    public void setUp() throws Exception {
        Instant now = Instant.now();
        var metrics = new SimpleMeterRegistry();
        var crypto = CryptoProvider.select(null);
        var issuer = new TokenIssuer("https://tokenhook.example.com/", InstantSource.system(), crypto);
        var key = KeyGenerator.generate(alg, now).withCurrentSince(now);
        issuer.useKeys(KeyRing.of(List.of(key), issuer.keys(), now));
        var client = new Client(CLIENT_ID, "bench client", null, "non_interactive", List.of("client_credentials"),
                "client_secret_post", Map.of(), true, ClientAuthenticator.hash(SECRET), false, Map.of(), now, now);
        var api = new ResourceServer("rs_bench", AUDIENCE, "Data API", List.of(new ResourceServer.Scope("read:data", null)),
                alg, null, 86_400, false, Map.of(), now, now);
        var grant = new ClientGrant("cgr_bench", CLIENT_ID, AUDIENCE, List.of("read:data"), now, now);
        var seed = new Hook("hook_bench", "seed", SeedHook.SCRIPT, Hook.CREDENTIALS_EXCHANGE, hook, Map.of(), Map.of(), now, now);
        var snapshot = new TenantSnapshot(1, List.of(client), List.of(api), List.of(grant), List.of(seed), List.of(key));
        var dir = Files.createTempDirectory("tokenhook-bench");
        store = JdbcStore.openSqlite(dir, MasterKeySource.of(Map.of(), dir));
        events = new EventLog(store, InstantSource.system(), metrics, 100_000, Duration.ofDays(1));
        hooks = new GraalHookRunner(HookRuntimeConfig.defaults(), metrics);
        endpoint = new TokenEndpoint(() -> snapshot, issuer, hooks, events, "bench", "https://tokenhook.example.com/api/v2/", metrics,
                ExchangeLimits.NONE);
        byte[] body = ("grant_type=client_credentials&client_id=" + CLIENT_ID + "&client_secret=" + SECRET + "&audience="
                + AUDIENCE).getBytes(StandardCharsets.UTF_8);
        request = new TokenEndpoint.Exchange("application/x-www-form-urlencoded", body, null, "127.0.0.1", "bench", "localhost");
        exchange(); // fails here, not in the loop
    }

    @TearDown
    public void tearDown() {
        hooks.close();
        events.close();
        store.close();
    }

    @Benchmark
    public Map<String, Object> exchange() {
        return endpoint.exchange(request);
    }
}
