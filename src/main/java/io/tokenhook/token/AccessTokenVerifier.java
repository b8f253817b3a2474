package io.tokenhook.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.text.ParseException;
import java.time.InstantSource;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/** Verifies access tokens this server issued with a tenant key (used to guard the Management API). */
public final class AccessTokenVerifier {
    private static final Set<JWSAlgorithm> ACCEPTED = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256, JWSAlgorithm.ES256,
            JWSAlgorithm.EdDSA);
    private static final long CLOCK_SKEW_SECONDS = 30;

    private final String issuer;
    private final Supplier<KeyRing> keys;
    private final InstantSource clock;

    public AccessTokenVerifier(String issuer, Supplier<KeyRing> keys, InstantSource clock) {
        this.issuer = issuer;
        this.keys = keys;
        this.clock = clock;
    }

    /**
     * Returns the verified claims of {@code token} if it is signed by a published tenant key, unexpired, from
     * this issuer and for {@code audience}.
     *
     * @throws InvalidTokenException with a client-safe message otherwise
     */
    public JWTClaimsSet verify(String token, String audience) {
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException e) {
            throw new InvalidTokenException("Invalid token.");
        }
        var header = jwt.getHeader();
        if (!ACCEPTED.contains(header.getAlgorithm()) || header.getKeyID() == null) {
            throw new InvalidTokenException("Invalid token.");
        }
        var verifier = keys.get().verifier(header.getKeyID())
                .orElseThrow(() -> new InvalidTokenException("Invalid signature received for JSON Web Token validation."));
        try {
            if (!jwt.verify(verifier)) {
                throw new InvalidTokenException("Invalid signature received for JSON Web Token validation.");
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date exp = claims.getExpirationTime();
            if (exp == null || exp.toInstant().getEpochSecond() + CLOCK_SKEW_SECONDS < clock.instant().getEpochSecond()) {
                throw new InvalidTokenException("Expired token received for JSON Web Token validation.");
            }
            if (!issuer.equals(claims.getIssuer())) throw new InvalidTokenException("Invalid token issuer.");
            List<String> aud = claims.getAudience();
            if (aud == null || !aud.contains(audience)) throw new InvalidTokenException("Invalid token audience.");
            return claims;
        } catch (JOSEException | ParseException e) {
            throw new InvalidTokenException("Invalid token.");
        }
    }

    /** The token failed verification; the message is safe to show the caller. */
    public static final class InvalidTokenException extends RuntimeException {
        public InvalidTokenException(String message) {
            super(message, null, false, false);
        }
    }
}
