package io.tokenhook.token;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A signature made through ACCP verifies on the JDK/Nimbus path and one made on the JDK/Nimbus path verifies through
 * ACCP, for every tenant-key algorithm. ACCP is instantiated explicitly here, never installed process-wide.
 */
class CrossProviderSignatureTest {
    private static final byte[] INPUT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjbGllbnRAY2xpZW50cyJ9".getBytes(StandardCharsets.US_ASCII);
    private static final Provider ACCP = AmazonCorrettoCryptoProvider.INSTANCE;
    private static CryptoProvider accp;
    private static final CryptoProvider JDK = CryptoProvider.jdk("test");

    @BeforeAll
    static void loadAccp() {
        // this project's machines are linux-x86_64, where ACCP's jar carries its native library
        accp = CryptoProvider.accp().orElseThrow(() -> new AssertionError("ACCP does not load here: "
                + AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError()));
    }

    private static JWK key(String alg) throws Exception {
        return JWK.parse(KeyGenerator.generate(alg, Instant.now()).privateJwk());
    }

    private static Base64URL sign(CryptoProvider crypto, String alg, JWK jwk) throws Exception {
        return crypto.signer(alg, jwk).sign(new JWSHeader(JWSAlgorithm.parse(alg)), INPUT);
    }

    /** Nimbus's own verifiers on the JDK's providers (Tink for Ed25519): what resource servers run. */
    private static boolean nimbusVerifies(String alg, JWK jwk, Base64URL signature) throws Exception {
        JWSVerifier verifier = switch (jwk) {
            case RSAKey rsa -> new RSASSAVerifier(rsa.toPublicJWK());
            case ECKey ec -> new ECDSAVerifier(ec.toPublicJWK());
            case OctetKeyPair okp -> new Ed25519Verifier(okp.toPublicJWK());
            default -> throw new AssertionError(jwk);
        };
        return verifier.verify(new JWSHeader(JWSAlgorithm.parse(alg)), INPUT, signature);
    }

    /** A plain JCA verification through {@code provider} (null: the JDK's). */
    private static boolean jcaVerifies(Provider provider, String alg, JWK jwk, Base64URL signature) throws Exception {
        String name = switch (alg) {
            case "RS256" -> "SHA256withRSA";
            case "PS256" -> "RSASSA-PSS";
            case "ES256" -> "SHA256withECDSAinP1363Format";
            case "EdDSA" -> "Ed25519";
            default -> throw new AssertionError(alg);
        };
        Signature s = provider == null ? Signature.getInstance(name) : Signature.getInstance(name, provider);
        if (alg.equals("PS256")) s.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
        s.initVerify(publicKey(jwk));
        s.update(INPUT);
        return s.verify(signature.decode());
    }

    private static PublicKey publicKey(JWK jwk) throws Exception {
        return switch (jwk) {
            case RSAKey rsa -> rsa.toRSAPublicKey();
            case ECKey ec -> ec.toECPublicKey();
            // SubjectPublicKeyInfo of Ed25519 (RFC 8410): a fixed prefix, then the 32 bytes of x
            case OctetKeyPair okp -> KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(
                    concat(HexFormat.of().parseHex("302a300506032b6570032100"), okp.getDecodedX())));
            default -> throw new AssertionError(jwk);
        };
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "PS256", "ES256", "EdDSA"})
    void signedThroughAccpThenVerifiesOnTheJdkAndNimbusPath(String alg) throws Exception {
        JWK jwk = key(alg);
        Base64URL signature = sign(accp, alg, jwk);
        assertThat(nimbusVerifies(alg, jwk, signature)).isTrue();
        assertThat(jcaVerifies(null, alg, jwk, signature)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "PS256", "ES256", "EdDSA"})
    void signedOnTheJdkPathThenVerifiesThroughAccp(String alg) throws Exception {
        JWK jwk = key(alg);
        Base64URL signature = sign(JDK, alg, jwk);
        assertThat(jcaVerifies(ACCP, alg, jwk, signature)).isTrue();
        assertThat(nimbusVerifies(alg, jwk, signature)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "PS256", "ES256", "EdDSA"})
    void keysMadeByAccpSignOnEitherPathAndVerifyOnTheJdk(String alg) throws Exception {
        JWK jwk = JWK.parse(KeyGenerator.generate(alg, Instant.now(), accp).privateJwk());
        for (CryptoProvider signer : new CryptoProvider[] {accp, JDK}) {
            Base64URL signature = sign(signer, alg, jwk);
            assertThat(nimbusVerifies(alg, jwk, signature)).isTrue();
            assertThat(jcaVerifies(null, alg, jwk, signature)).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "EdDSA"})
    void deterministicAlgorithmsGiveTheSameBytesEitherWay(String alg) throws Exception {
        JWK jwk = key(alg);
        assertThat(sign(accp, alg, jwk)).isEqualTo(sign(JDK, alg, jwk));
    }

    @Test
    void hs256GivesTheSameMacEitherWay() throws Exception {
        byte[] secret = KeyGenerator.hmacSecret().getBytes(StandardCharsets.UTF_8);
        var header = new JWSHeader(JWSAlgorithm.HS256);
        Base64URL viaAccp = accp.macSigner(secret).sign(header, INPUT);
        assertThat(viaAccp).isEqualTo(JDK.macSigner(secret).sign(header, INPUT));
        assertThat(new MACVerifier(secret).verify(header, INPUT, viaAccp)).isTrue();
    }

    @Test
    void eddsaSignsWithAccpsSignatureWhereItLoadsAndWithTinkElseNeverTheJdksOwn() throws Exception {
        JWK jwk = key("EdDSA");
        JWSSigner withAccp = accp.signer("EdDSA", jwk);
        assertThat(withAccp).isInstanceOf(JcaSigner.class);
        assertThat(withAccp.getJCAContext().getProvider()).isSameAs(ACCP);
        assertThat(JDK.signer("EdDSA", jwk)).isInstanceOf(Ed25519Signer.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "PS256", "ES256", "EdDSA"})
    void aSignerReusedByManyThreadsKeepsSigningValidly(String alg) throws Exception {
        JWK jwk = key(alg);
        JWSSigner signer = accp.signer(alg, jwk);
        var header = new JWSHeader(JWSAlgorithm.parse(alg));
        try (var pool = Executors.newFixedThreadPool(4)) {
            var tasks = new ArrayList<Callable<Base64URL>>();
            for (int i = 0; i < 2 * JcaSigner.POOLED + 8; i++) tasks.add(() -> signer.sign(header, INPUT));
            for (var f : pool.invokeAll(tasks)) assertThat(nimbusVerifies(alg, jwk, f.get())).isTrue();
        }
    }

    @Test
    void aSignerRefusesAnotherAlgorithmsHeader() throws Exception {
        JWSSigner signer = accp.signer("RS256", key("RS256"));
        assertThatThrownBy(() -> signer.sign(new JWSHeader(JWSAlgorithm.PS256), INPUT)).hasMessageContaining("RS256");
    }
}
