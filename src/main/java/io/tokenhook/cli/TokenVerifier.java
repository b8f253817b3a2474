package io.tokenhook.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;

import java.security.Key;
import java.text.ParseException;

/**
 * Decodes an access token and verifies its signature against the server's published JWKS, as any resource
 * server would: the header's {@code kid} names the key.
 */
final class TokenVerifier {
    /**
     * @param verified whether the signature was checked and holds
     * @param note     how it was checked, or why it could not be
     */
    record Decoded(JsonNode header, JsonNode claims, boolean verified, String note) {}

    private TokenVerifier() {}

    static Decoded decode(String token, OAuthClient oauth) {
        SignedJWT jwt;
        JsonNode header;
        JsonNode claims;
        try {
            jwt = SignedJWT.parse(token);
            // read as the server wrote them, in its order
            header = Http.JSON.readTree(jwt.getParsedParts()[0].decodeToString());
            claims = Http.JSON.readTree(jwt.getParsedParts()[1].decodeToString());
        } catch (ParseException | java.io.IOException e) {
            throw CliException.failure("the access token is not a signed JWT: " + e.getMessage());
        }
        String alg = jwt.getHeader().getAlgorithm().getName();
        String kid = jwt.getHeader().getKeyID();
        if (alg.startsWith("HS")) {
            return new Decoded(header, claims, false, "not verified: " + alg + " tokens are signed with the API's signing_secret, not a published key");
        }
        String jwksUrl = oauth.baseUrl() + ".well-known/jwks.json";
        JWK jwk;
        try {
            jwk = kid == null ? null : JWKSet.parse(oauth.jwks()).getKeyByKeyId(kid);
        } catch (ParseException e) {
            throw CliException.failure(jwksUrl + " is not a JWKS document: " + e.getMessage());
        }
        if (jwk == null) throw CliException.failure("the token's key " + kid + " is not published at " + jwksUrl + ": its signature cannot be verified");
        try {
            JWSVerifier verifier = verifier(jwt, jwk);
            if (!jwt.verify(verifier)) throw CliException.failure("the token's signature does not verify with key " + kid + " from " + jwksUrl);
        } catch (JOSEException e) {
            throw CliException.failure("cannot verify the token's signature: " + e.getMessage());
        }
        return new Decoded(header, claims, true, "verified with key " + kid + " (" + alg + ") from " + jwksUrl);
    }

    /** The verifier of the published {@code jwk}: RSA and EC through the JDK, Ed25519 (an OKP key) through Tink. */
    private static JWSVerifier verifier(SignedJWT jwt, JWK jwk) throws JOSEException {
        if (jwk instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve())) return new Ed25519Verifier(okp.toPublicJWK());
        Key key = jwk instanceof RSAKey rsa ? rsa.toRSAPublicKey() : jwk instanceof ECKey ec ? ec.toECPublicKey() : null;
        if (key == null) throw CliException.failure("unsupported key type " + jwk.getKeyType() + " for " + jwk.getKeyID());
        return new DefaultJWSVerifierFactory().createJWSVerifier(jwt.getHeader(), key);
    }
}
