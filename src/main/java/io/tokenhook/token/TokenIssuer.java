package io.tokenhook.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.tokenhook.tenant.ResourceServer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Mints signed JWT access tokens in Auth0's access-token profile. */
public final class TokenIssuer {
    /** Claims the server owns; custom claims with these names are never applied. */
    public static final Set<String> RESERVED_CLAIMS = Set.of("iss", "sub", "aud", "iat", "exp", "nbf", "scope", "gty",
            "azp", "jti", "client_id", "permissions", "org_id", "org_name", "cnf", "act", "may_act", "amr", "auth_time",
            "sid", "typ");

    private final String issuer;
    private final InstantSource clock;
    private volatile KeyRing keys = KeyRing.empty();
    private final ConcurrentHashMap<String, JWSSigner> hmacSigners = new ConcurrentHashMap<>();

    public TokenIssuer(String issuer, InstantSource clock) {
        this.issuer = issuer;
        this.clock = clock;
    }

    public String issuer() {
        return issuer;
    }

    /** Switches to the keys of a new snapshot. */
    public void useKeys(KeyRing ring) {
        this.keys = ring;
        hmacSigners.clear();
    }

    public KeyRing keys() {
        return keys;
    }

    /**
     * Signs a token for {@code clientId} to call {@code api}.
     *
     * @param scopes       granted scopes; null or empty means the token carries no scope claim
     * @param customClaims extra claims already filtered by the claim policy; reserved names are skipped here too
     */
    public IssuedToken issue(String clientId, ResourceServer api, List<String> scopes, Map<String, Object> customClaims) {
        Instant now = clock.instant();
        long iat = now.getEpochSecond();
        String jti = UUID.randomUUID().toString().replace("-", "");
        String scope = scopes == null || scopes.isEmpty() ? null : String.join(" ", scopes);
        var claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(clientId + "@clients")
                .audience(api.identifier())
                .issueTime(new Date(iat * 1000))
                .expirationTime(new Date((iat + api.tokenLifetime()) * 1000));
        if (scope != null) claims.claim("scope", scope);
        claims.claim("gty", "client-credentials").claim("azp", clientId).jwtID(jti);
        customClaims.forEach((name, value) -> {
            if (!RESERVED_CLAIMS.contains(name)) claims.claim(name, value);
        });
        try {
            var jwt = sign(api, claims.build());
            return new IssuedToken(jwt, jti, api.tokenLifetime(), scope);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed for " + api.signingAlg(), e);
        }
    }

    private String sign(ResourceServer api, JWTClaimsSet claims) throws JOSEException {
        String alg = api.signingAlg();
        if ("HS256".equals(alg)) {
            JWSSigner signer = hmacSigners.computeIfAbsent(api.id() + '\n' + api.signingSecret(), k -> macSigner(api));
            var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(signer);
            return jwt.serialize();
        }
        var kidSigner = keys.currentSigner(alg)
                .orElseThrow(() -> new IllegalStateException("no current signing key for " + alg));
        var header = new JWSHeader.Builder(JWSAlgorithm.parse(alg)).type(JOSEObjectType.JWT).keyID(kidSigner.kid()).build();
        var jwt = new SignedJWT(header, claims);
        jwt.sign(kidSigner.signer());
        return jwt.serialize();
    }

    private static JWSSigner macSigner(ResourceServer api) {
        try {
            return new MACSigner(api.signingSecret().getBytes(StandardCharsets.UTF_8));
        } catch (JOSEException e) {
            throw new IllegalStateException("HS256 secret of API " + api.id() + " is too short", e);
        }
    }

    /** A signed access token and what the token response reports about it. */
    public record IssuedToken(String accessToken, String jti, long expiresIn, String scope) {}
}
