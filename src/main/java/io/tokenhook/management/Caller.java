package io.tokenhook.management;

import java.util.Set;

/**
 * Who is calling the Management API: the client the bearer token was issued to and its scopes.
 *
 * @param actor what the log names as the author of a change (the client id, or the dashboard user)
 */
public record Caller(String clientId, Set<String> scopes, String actor) {
    public Caller {
        scopes = Set.copyOf(scopes);
    }

    /** Throws 403 insufficient_scope unless the caller holds at least one of {@code anyOf}. */
    public void require(String... anyOf) {
        for (String s : anyOf) if (scopes.contains(s)) return;
        throw new ApiError(403, "Insufficient scope, expected any of: " + String.join(", ", anyOf), "insufficient_scope");
    }
}
