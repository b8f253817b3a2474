package io.tokenhook.bench;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import io.tokenhook.token.CryptoProvider;
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

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.concurrent.TimeUnit;

/**
 * The anchor of the load run's ratios: a bare {@code java.security.Signature} over a token-sized input, with the
 * provider the server signs with (ACCP where it loads), one initialised Signature per thread. Run on both cores:
 * {@code bench/jmh RawSignature -t 2}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class RawSignatureBenchmark {

    @State(Scope.Benchmark)
    public static class Keys {
        @Param({"RS256", "ES256", "EdDSA"})
        public String alg;

        /** ACCP, or JDK for the JDK's own providers. */
        @Param({"ACCP"})
        public String provider;

        Provider jca;
        KeyPair pair;

        @Setup
        public void setUp() throws Exception {
            if (provider.equals("ACCP")) {
                // the same health check the server makes before it signs with ACCP
                CryptoProvider.accp().orElseThrow(() -> new IllegalStateException("ACCP does not load on this platform"));
                jca = AmazonCorrettoCryptoProvider.INSTANCE;
            }
            KeyPairGenerator generator = switch (alg) {
                case "RS256" -> generator("RSA", 2048);
                case "ES256" -> {
                    var g = jca == null ? KeyPairGenerator.getInstance("EC") : KeyPairGenerator.getInstance("EC", jca);
                    g.initialize(new ECGenParameterSpec("secp256r1"));
                    yield g;
                }
                default -> jca == null ? KeyPairGenerator.getInstance("Ed25519") : KeyPairGenerator.getInstance("Ed25519", jca);
            };
            pair = generator.generateKeyPair();
        }

        private KeyPairGenerator generator(String algorithm, int size) throws Exception {
            var g = jca == null ? KeyPairGenerator.getInstance(algorithm) : KeyPairGenerator.getInstance(algorithm, jca);
            g.initialize(size);
            return g;
        }

        String jcaName() {
            return switch (alg) {
                case "RS256" -> "SHA256withRSA";
                case "ES256" -> "SHA256withECDSA";
                default -> "Ed25519";
            };
        }
    }

    @State(Scope.Thread)
    public static class Signer {
        Signature signature;
        final byte[] input = ("eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6IjBuNldNTXl6blZLcUpGZEpkcjI5ckZob0pFN052WEgtQjBHcTVKRWRqcyJ9."
                + "eyJpc3MiOiJodHRwOi8vbG9jYWxob3N0OjgwODEvIiwic3ViIjoiNzY5QU1TWXprZ3M4cmpLSUNFT05ycEFWUkpsY1JHRUdAY2xpZW50cyIsImF1ZCI6"
                + "Imh0dHBzOi8vYXBpLmV4YW1wbGUuY29tL29yZGVycyIsImlhdCI6MTc5NTY2NzYyNSwiZXhwIjoxNzk1NzU0MDI1fQ")
                .getBytes(StandardCharsets.US_ASCII);

        @Setup
        public void setUp(Keys keys) throws Exception {
            signature = keys.jca == null ? Signature.getInstance(keys.jcaName()) : Signature.getInstance(keys.jcaName(), keys.jca);
            signature.initSign(keys.pair.getPrivate());
        }
    }

    @Benchmark
    public byte[] sign(Signer signer) throws Exception {
        signer.signature.update(signer.input);
        return signer.signature.sign();
    }
}
