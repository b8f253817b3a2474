package io.tokenhook.management;

import io.tokenhook.token.AccessTokenVerifier;

import java.util.Arrays;
import java.util.HashSet;

/** Authenticates Management API calls by bearer token (issued by this server for the {@code api/v2/} audience). */
public final class ManagementAuth {
    private final AccessTokenVerifier verifier;
    private final String audience;

    public ManagementAuth(AccessTokenVerifier verifier, String audience) {
        this.verifier = verifier;
        this.audience = audience;
    }

    public String audience() {
        return audience;
    }

    public Caller authenticate(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw new ApiError(401, "Missing authentication", "missing_authentication");
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ApiError(401, "Bad HTTP authentication header format", "invalid_authentication");
        }
        try {
            var claims = verifier.verify(authorization.substring(7).trim(), audience);
            Object scope = claims.getClaim("scope");
            var scopes = new HashSet<String>();
            if (scope instanceof String s && !s.isBlank()) scopes.addAll(Arrays.asList(s.trim().split(" +")));
            String clientId = claims.getStringClaim("azp");
            return new Caller(clientId, scopes, clientId);
        } catch (AccessTokenVerifier.InvalidTokenException e) {
            throw new ApiError(401, e.getMessage(), "invalid_token");
        } catch (java.text.ParseException e) {
            throw new ApiError(401, "Invalid token.", "invalid_token");
        }
    }
}
