package io.tokenhook.management;

import io.tokenhook.store.StoreTx;
import io.tokenhook.tenant.SigningKey;

import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/v2/keys/signing}: the tenant signing keys, shaped as Auth0 shapes them (no {@code cert} or
 * {@code pkcs7}: Tokenhook publishes bare JWKs). Rotation is planned ahead so that every node switches at the same
 * instant ({@link KeyRotation}); a revoked key leaves the JWKS at once; the current and next keys cannot be revoked.
 */
final class SigningKeysResource {
    private final Changes changes;
    private final KeyRotation rotation;
    private final InstantSource clock;

    SigningKeysResource(Changes changes, KeyRotation rotation, InstantSource clock) {
        this.changes = changes;
        this.rotation = rotation;
        this.clock = clock;
    }

    Object list(ApiCall call) {
        call.caller().require("read:signing_keys");
        call.query().allowOnly(Set.of());
        Instant now = clock.instant();
        return changes.store().read(StoreTx::signingKeys).stream().map(k -> render(k, now)).toList();
    }

    Object get(ApiCall call) {
        call.caller().require("read:signing_keys");
        String kid = call.path("kid");
        return render(changes.store().read(tx -> find(tx, kid)), clock.instant());
    }

    /** Auth0's answer is {@code {kid}} of the new key; Tokenhook adds each algorithm's key and when it starts signing. */
    Object rotate(ApiCall call) {
        call.caller().require("create:signing_keys", "update:signing_keys");
        var fresh = rotation.prepare(changes.store().read(StoreTx::signingKeys));
        List<SigningKey> successors = changes.apply(call, tx -> {
            var planned = rotation.rotate(tx, fresh, key -> true).successors();
            if (planned.isEmpty()) throw new ApiError(409, "There is no signing key in service to rotate", "no_signing_key");
            call.change().keys(planned.stream().map(SigningKey::kid).toList());
            return planned;
        });
        var body = new LinkedHashMap<String, Object>();
        body.put("kid", successors.get(0).kid());
        body.put("current_since", iso(successors.get(0).currentSince()));
        body.put("keys", successors.stream().map(k -> {
            var m = new LinkedHashMap<String, Object>();
            m.put("kid", k.kid());
            m.put("alg", k.alg());
            m.put("current_since", iso(k.currentSince()));
            return m;
        }).toList());
        return body;
    }

    Object revoke(ApiCall call) {
        call.caller().require("update:signing_keys");
        String kid = call.path("kid");
        changes.apply(call, tx -> {
            SigningKey key = find(tx, kid);
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            switch (key.stateAt(now)) {
                case CURRENT -> throw refused("The current signing key cannot be revoked; rotate the keys first");
                case NEXT -> throw refused("The next signing key cannot be revoked");
                case REVOKED -> throw refused("The signing key is already revoked");
                case PREVIOUS -> tx.updateSigningKey(key.revoked(now));
            }
            return null;
        });
        return Map.of("kid", kid);
    }

    private static SigningKey find(StoreTx tx, String kid) {
        return tx.signingKeys().stream().filter(k -> k.kid().equals(kid)).findFirst()
                .orElseThrow(() -> ApiError.notFound("The signing key does not exist", "inexistent_signing_key"));
    }

    private static ApiError refused(String message) {
        return new ApiError(400, message, "operation_not_supported");
    }

    /**
     * Auth0's signing key object at {@code now}. Tokenhook adds {@code published}, whether the JWKS lists it, and
     * {@code published_until}, when a previous key leaves the JWKS; a next key already planned shows its
     * {@code current_since} ahead of time.
     */
    static Map<String, Object> render(SigningKey k, Instant now) {
        var state = k.stateAt(now);
        var m = new LinkedHashMap<String, Object>();
        m.put("kid", k.kid());
        m.put("alg", k.alg());
        m.put("thumbprint", k.kid());
        m.put("current", state == SigningKey.State.CURRENT);
        m.put("next", state == SigningKey.State.NEXT);
        m.put("previous", state == SigningKey.State.PREVIOUS);
        m.put("revoked", state == SigningKey.State.REVOKED);
        m.put("published", k.publishedAt(now));
        if (k.currentSince() != null) m.put("current_since", iso(k.currentSince()));
        if (k.currentUntil() != null) m.put("current_until", iso(k.currentUntil()));
        if (k.publishedUntil() != null && k.revokedAt() == null) m.put("published_until", iso(k.publishedUntil()));
        if (k.revokedAt() != null) m.put("revoked_at", iso(k.revokedAt()));
        return m;
    }

    private static String iso(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }
}
