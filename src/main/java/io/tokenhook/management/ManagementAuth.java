package io.tokenhook.management;

import io.javalin.http.Context;
import io.tokenhook.token.AccessTokenVerifier;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;

/**
 * Authenticates Management API calls by bearer token (issued by this server for the {@code api/v2/} audience)
 * or, for requests without an {@code Authorization} header, by a signed-in dashboard session.
 */
public final class ManagementAuth {
    private final AccessTokenVerifier verifier;
    private final String audience;
    private final SessionAuthenticator sessions;

    /**
     * Authenticates a dashboard session: empty when the request carries none; throws {@link ApiError} when it
     * carries one that is expired, or a write without its anti-forgery token.
     */
    @FunctionalInterface
    public interface SessionAuthenticator {
        Optional<Caller> authenticate(Context ctx);
    }

    public ManagementAuth(AccessTokenVerifier verifier, String audience) {
        this(verifier, audience, ctx -> Optional.empty());
    }

    public ManagementAuth(AccessTokenVerifier verifier, String audience, SessionAuthenticator sessions) {
        this.verifier = verifier;
        this.audience = audience;
        this.sessions = sessions;
    }

    public String audience() {
        return audience;
    }

    /** The bearer token when the request has an {@code Authorization} header, else the dashboard session. */
    public Caller authenticate(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization == null || authorization.isBlank()) {
            Optional<Caller> session = sessions.authenticate(ctx);
            if (session.isPresent()) return session.get();
        }
        return authenticate(authorization);
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
