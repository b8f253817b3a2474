package io.tokenhook.token;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.util.Base64URL;
import io.tokenhook.tenant.ResourceServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.InstantSource;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Mints signed JWT access tokens in Auth0's access-token profile. */
public final class TokenIssuer {
    /** Claims the server owns; custom claims with these names are never applied. */
    public static final Set<String> RESERVED_CLAIMS = Set.of("iss", "sub", "aud", "iat", "exp", "nbf", "scope", "gty",
            "azp", "jti", "client_id", "permissions", "org_id", "org_name", "cnf", "act", "may_act", "amr", "auth_time",
            "sid", "typ");
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final String issuer;
    private final InstantSource clock;
    private final CryptoProvider crypto;
    private volatile KeyRing keys;
    private final ConcurrentHashMap<String, JWSSigner> hmacSigners = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, EncodedHeader> headers = new ConcurrentHashMap<>();

    /** An issuer whose signatures are computed with {@code crypto} (tenant keys and HS256 secrets alike). */
    public TokenIssuer(String issuer, InstantSource clock, CryptoProvider crypto) {
        this.issuer = issuer;
        this.clock = clock;
        this.crypto = crypto;
        this.keys = KeyRing.empty(crypto);
    }

    public String issuer() {
        return issuer;
    }

    /** Where this issuer's signatures are computed. */
    public CryptoProvider crypto() {
        return crypto;
    }

    /** Switches to the keys of a new snapshot: a ring descended from this issuer's {@link #keys()}. */
    public void useKeys(KeyRing ring) {
        if (ring.crypto() != crypto) throw new IllegalArgumentException("the key ring signs with another crypto provider");
        this.keys = ring;
        hmacSigners.clear();
        headers.clear();
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
        long iat = clock.instant().getEpochSecond();
        String jti = Jti.next();
        String scope = scopes == null || scopes.isEmpty() ? null : String.join(" ", scopes);
        try {
            return new IssuedToken(sign(api, payload(clientId, api, iat, jti, scope, customClaims)), jti,
                    api.tokenLifetime(), scope);
        } catch (JOSEException | IOException e) {
            throw new IllegalStateException("signing failed for " + api.signingAlg(), e);
        }
    }

    /**
     * The claims set as JSON, written straight to bytes (a map through data binding cost as much as an ES256
     * signature). Auth0's claim order; scope and custom claims come last, as the seed page's decoded token shows.
     */
    private byte[] payload(String clientId, ResourceServer api, long iat, String jti, String scope,
                           Map<String, Object> customClaims) throws IOException {
        var out = new ByteArrayOutputStream(256 + 64 * customClaims.size());
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("iss", issuer);
            json.writeStringField("sub", clientId + "@clients");
            json.writeStringField("aud", api.identifier());
            json.writeNumberField("iat", iat);
            json.writeNumberField("exp", iat + api.tokenLifetime());
            json.writeStringField("gty", "client-credentials");
            json.writeStringField("azp", clientId);
            json.writeStringField("jti", jti);
            if (scope != null) json.writeStringField("scope", scope);
            for (Map.Entry<String, Object> claim : customClaims.entrySet()) {
                if (!RESERVED_CLAIMS.contains(claim.getKey())) {
                    json.writeFieldName(claim.getKey());
                    json.writeObject(claim.getValue());
                }
            }
            json.writeEndObject();
        }
        return out.toByteArray();
    }

    /** Compact JWS over our own header and payload bytes, so member order is ours, not the library's. */
    private String sign(ResourceServer api, byte[] payload) throws JOSEException {
        String alg = api.signingAlg();
        JWSSigner signer;
        String kid = "";
        if ("HS256".equals(alg)) {
            signer = hmacSigners.computeIfAbsent(api.id() + '\n' + api.signingSecret(), k -> macSigner(api));
        } else {
            var kidSigner = keys.currentSigner(alg)
                    .orElseThrow(() -> new IllegalStateException("no current signing key for " + alg));
            signer = kidSigner.signer();
            kid = kidSigner.kid();
        }
        String headerKid = kid;
        var header = headers.computeIfAbsent(alg + '\n' + kid, k -> EncodedHeader.of(alg, headerKid));
        // the JDK's Base64 (an intrinsic), not Nimbus's constant-time codec: nothing here is secret
        String signingInput = header.encoded + '.' + BASE64URL.encodeToString(payload);
        Base64URL signature = signer.sign(header.header, signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + '.' + signature;
    }

    private JWSSigner macSigner(ResourceServer api) {
        try {
            return crypto.macSigner(api.signingSecret().getBytes(StandardCharsets.UTF_8));
        } catch (JOSEException e) {
            throw new IllegalStateException("HS256 secret of API " + api.id() + " is too short", e);
        }
    }

    /** A JOSE header with its base64url form, built once per algorithm and key. */
    private record EncodedHeader(JWSHeader header, String encoded) {
        static EncodedHeader of(String alg, String kid) {
            var json = new LinkedHashMap<String, Object>();
            json.put("alg", alg);
            json.put("typ", "JWT");
            if (!kid.isEmpty()) json.put("kid", kid);
            try {
                String text = JSON.writeValueAsString(json);
                return new EncodedHeader(JWSHeader.parse(text), Base64URL.encode(text).toString());
            } catch (JsonProcessingException | ParseException e) {
                throw new IllegalStateException("cannot build JOSE header", e);
            }
        }
    }

    /** A signed access token and what the token response reports about it. */
    public record IssuedToken(String accessToken, String jti, long expiresIn, String scope) {}
}
