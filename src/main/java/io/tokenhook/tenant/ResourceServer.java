package io.tokenhook.tenant;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An API (Auth0 "resource server"): the audience tokens are issued for.
 *
 * @param signingSecret HS256 key material, present only when {@code signingAlg} is HS256
 * @param extra         Auth0 fields stored and returned but not acted on
 */
public record ResourceServer(
        String id,
        String identifier,
        String name,
        List<Scope> scopes,
        String signingAlg,
        String signingSecret,
        int tokenLifetime,
        boolean system,
        Map<String, Object> extra,
        Instant createdAt,
        Instant updatedAt) {

    public static final int DEFAULT_TOKEN_LIFETIME = 86_400;

    public ResourceServer {
        Objects.requireNonNull(id, "id cannot be null");
        Objects.requireNonNull(identifier, "identifier cannot be null");
        scopes = List.copyOf(scopes);
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }

    /** A permission the API defines. */
    public record Scope(String value, String description) {
        public Scope {
            Objects.requireNonNull(value, "value cannot be null");
        }
    }
}
