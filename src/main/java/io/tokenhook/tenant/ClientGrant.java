package io.tokenhook.tenant;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** Authorizes one client to get tokens for one API, with at most these scopes. */
public record ClientGrant(String id, String clientId, String audience, List<String> scope, Instant createdAt, Instant updatedAt) {
    public ClientGrant {
        Objects.requireNonNull(id, "id cannot be null");
        Objects.requireNonNull(clientId, "clientId cannot be null");
        Objects.requireNonNull(audience, "audience cannot be null");
        scope = List.copyOf(scope);
    }
}
