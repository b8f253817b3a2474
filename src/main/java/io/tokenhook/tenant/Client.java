package io.tokenhook.tenant;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An application (Auth0 "client"). The secret is never held in clear: only its SHA-256 digest.
 *
 * @param extra Auth0 client fields Tokenhook stores and returns but does not act on (callbacks, logo_uri, ...)
 */
public record Client(
        String clientId,
        String name,
        String description,
        String appType,
        List<String> grantTypes,
        String tokenEndpointAuthMethod,
        Map<String, String> clientMetadata,
        boolean firstParty,
        byte[] secretHash,
        boolean system,
        Map<String, Object> extra,
        Instant createdAt,
        Instant updatedAt) {

    public Client {
        Objects.requireNonNull(clientId, "clientId cannot be null");
        Objects.requireNonNull(name, "name cannot be null");
        grantTypes = List.copyOf(grantTypes);
        clientMetadata = Map.copyOf(clientMetadata);
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }

    public boolean allowsGrant(String grantType) {
        return grantTypes.contains(grantType);
    }
}
