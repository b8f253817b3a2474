package io.tokenhook.tenant;

import java.time.Instant;
import java.util.Objects;

/**
 * A tenant signing key pair, kept as JWK JSON.
 *
 * @param privateJwk the full JWK including private parameters; never leaves the server
 * @param state      {@link State#CURRENT} signs; NEXT and PREVIOUS are only published; REVOKED is neither
 */
public record SigningKey(String kid, String alg, String publicJwk, String privateJwk, State state, Instant createdAt, Instant updatedAt) {
    public enum State { NEXT, CURRENT, PREVIOUS, REVOKED }

    public SigningKey {
        Objects.requireNonNull(kid, "kid cannot be null");
        Objects.requireNonNull(alg, "alg cannot be null");
        Objects.requireNonNull(state, "state cannot be null");
    }

    public boolean published() {
        return state != State.REVOKED;
    }
}
