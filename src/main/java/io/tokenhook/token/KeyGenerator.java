package io.tokenhook.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.tokenhook.tenant.SigningKey;

import java.security.Provider;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

/** Creates tenant signing keys. The key id is the RFC 7638 JWK thumbprint. */
public final class KeyGenerator {
    /** Algorithms signed with a tenant key pair published in the JWKS. */
    public static final Set<String> ASYMMETRIC_ALGS = Set.of("RS256", "PS256", "ES256", "EdDSA");
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyGenerator() {}

    /** A new key pair for {@code alg} that waits as the next key; {@link SigningKey#withCurrentSince} puts it to work. */
    public static SigningKey generate(String alg, Instant now) {
        return generate(alg, now, CryptoProvider.jdk("key generation"));
    }

    /**
     * The same, with RSA and EC key pairs made by {@code crypto}'s native provider where it has one: on a cold JVM the
     * JDK's RSA key generation was the largest part of a first start.
     */
    public static SigningKey generate(String alg, Instant now, CryptoProvider crypto) {
        Provider provider = crypto.keyPairProvider().orElse(null);
        try {
            JWK jwk = switch (alg) {
                case "RS256", "PS256" -> new RSAKeyGenerator(2048).provider(provider).keyUse(KeyUse.SIGNATURE)
                        .algorithm(JWSAlgorithm.parse(alg)).keyIDFromThumbprint(true).generate();
                case "ES256" -> new ECKeyGenerator(Curve.P_256).provider(provider).keyUse(KeyUse.SIGNATURE)
                        .algorithm(JWSAlgorithm.ES256).keyIDFromThumbprint(true).generate();
                // an OKP key on Ed25519 (RFC 8037), made by Tink
                case "EdDSA" -> new OctetKeyPairGenerator(Curve.Ed25519).keyUse(KeyUse.SIGNATURE)
                        .algorithm(JWSAlgorithm.EdDSA).keyIDFromThumbprint(true).generate();
                default -> throw new IllegalArgumentException("no key pair for algorithm " + alg);
            };
            return SigningKey.next(jwk.getKeyID(), alg, jwk.toPublicJWK().toJSONString(), jwk.toJSONString(), now);
        } catch (JOSEException e) {
            throw new IllegalStateException("key generation failed", e);
        }
    }

    /** A 256-bit random secret, base64url, for HS256 APIs that do not bring their own. */
    public static String hmacSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
