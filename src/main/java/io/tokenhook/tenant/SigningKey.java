package io.tokenhook.tenant;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A tenant signing key pair, kept as JWK JSON, with the times that make up its life. A key's state is not stored
 * but read from those times, so every node switches keys at the same instant without having to hear about it:
 * a rotation commits the times in advance and each node's clock does the rest.
 *
 * @param privateJwk     the full JWK including private parameters; never leaves the server
 * @param currentSince   when it starts signing; null while it waits as the next key
 * @param currentUntil   when it stops signing (the next key's {@code currentSince}); null while nothing replaces it
 * @param publishedUntil when it leaves the JWKS after {@code currentUntil}: once every token it signed has expired
 * @param revokedAt      when it was revoked: it leaves the JWKS at once
 */
public record SigningKey(String kid, String alg, String publicJwk, String privateJwk, Instant createdAt,
                         Instant currentSince, Instant currentUntil, Instant publishedUntil, Instant revokedAt) {
    /**
     * NEXT is published but does not sign yet; CURRENT signs; PREVIOUS no longer signs and stays published until
     * {@code publishedUntil}; REVOKED is neither.
     */
    public enum State { NEXT, CURRENT, PREVIOUS, REVOKED }

    public SigningKey {
        Objects.requireNonNull(kid, "kid cannot be null");
        Objects.requireNonNull(alg, "alg cannot be null");
        Objects.requireNonNull(createdAt, "createdAt cannot be null");
    }

    /** A key that waits to be rotated in. */
    public static SigningKey next(String kid, String alg, String publicJwk, String privateJwk, Instant createdAt) {
        return new SigningKey(kid, alg, publicJwk, privateJwk, createdAt, null, null, null, null);
    }

    public State stateAt(Instant t) {
        if (revokedAt != null && !t.isBefore(revokedAt)) return State.REVOKED;
        if (currentSince == null || t.isBefore(currentSince)) return State.NEXT;
        if (currentUntil != null && !t.isBefore(currentUntil)) return State.PREVIOUS;
        return State.CURRENT;
    }

    /** Whether it is its algorithm's signing key from {@code currentSince} on, with no successor planned yet. */
    public boolean inService() {
        return currentSince != null && currentUntil == null && revokedAt == null;
    }

    /** Whether the JWKS lists it at {@code t}. */
    public boolean publishedAt(Instant t) {
        return switch (stateAt(t)) {
            case NEXT, CURRENT -> true;
            case PREVIOUS -> publishedUntil == null || t.isBefore(publishedUntil);
            case REVOKED -> false;
        };
    }

    /** The first instant after {@code t} at which its state or publication changes, if any is planned. */
    public Optional<Instant> nextChangeAfter(Instant t) {
        return Stream.of(currentSince, currentUntil, publishedUntil, revokedAt)
                .filter(i -> i != null && i.isAfter(t)).min(Instant::compareTo);
    }

    public SigningKey withCurrentSince(Instant when) {
        return new SigningKey(kid, alg, publicJwk, privateJwk, createdAt, when, currentUntil, publishedUntil, revokedAt);
    }

    public SigningKey retiredAt(Instant until, Instant unpublishedAt) {
        return new SigningKey(kid, alg, publicJwk, privateJwk, createdAt, currentSince, until, unpublishedAt, revokedAt);
    }

    public SigningKey revoked(Instant when) {
        return new SigningKey(kid, alg, publicJwk, privateJwk, createdAt, currentSince, currentUntil, publishedUntil, when);
    }
}
