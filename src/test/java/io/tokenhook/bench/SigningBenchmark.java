package io.tokenhook.bench;

import io.tokenhook.tenant.ResourceServer;
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
import org.openjdk.jmh.annotations.Warmup;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A token minted and signed by {@link TokenIssuer}, as the token endpoint does after the hook: per algorithm and per
 * provider (ACCP or the JDK's, with Tink for EdDSA). Throughput in tokens per second; run with {@code -t 2} for both
 * cores, e.g. {@code bench/jmh Signing -p alg=RS256,ES256 -t 2}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class SigningBenchmark {
    @Param({"RS256", "PS256", "ES256", "EdDSA", "HS256"})
    public String alg;

    @Param({"ACCP", "JDK"})
    public String provider;

    private TokenIssuer issuer;
    private ResourceServer api;
    private final List<String> scopes = List.of("read:data", "extra");
    private final Map<String, Object> claims = Map.of("https://foo.com/claim", "bar");

    @Setup
    public void setUp() {
        CryptoProvider crypto = provider.equals("ACCP")
                ? CryptoProvider.accp().orElseThrow(() -> new IllegalStateException("ACCP does not load on this platform"))
                : CryptoProvider.jdk("benchmark");
        Instant now = Instant.now();
        issuer = new TokenIssuer("https://tokenhook.example.com/", InstantSource.system(), crypto);
        if (!alg.equals("HS256")) {
            issuer.useKeys(KeyRing.of(List.of(KeyGenerator.generate(alg, now).withCurrentSince(now)), issuer.keys(), now));
        }
        api = new ResourceServer("rs_bench", "https://api.example.com/data", "Data API",
                List.of(new ResourceServer.Scope("read:data", null)), alg,
                alg.equals("HS256") ? KeyGenerator.hmacSecret() : null, 86_400, false, Map.of(), now, now);
        issuer.issue("client-id-0123456789abcdefghijkl", api, scopes, claims); // fails here, not in the loop
    }

    @Benchmark
    public TokenIssuer.IssuedToken issue() {
        return issuer.issue("client-id-0123456789abcdefghijkl", api, scopes, claims);
    }
}
