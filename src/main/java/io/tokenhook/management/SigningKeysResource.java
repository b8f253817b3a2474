package io.tokenhook.management;

import io.tokenhook.store.StoreTx;
import io.tokenhook.tenant.SigningKey;
import io.tokenhook.token.KeyGenerator;

import java.time.Instant;
import java.time.InstantSource;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/v2/keys/signing}: the tenant signing keys, shaped as Auth0 shapes them (no {@code cert} or
 * {@code pkcs7}: Tokenhook publishes bare JWKs). Single-node rotation: for each algorithm in use a new key becomes
 * CURRENT and the old one PREVIOUS, which stays in the JWKS so the tokens it signed still verify until it is
 * revoked. A revoked key leaves the JWKS at once; the current key cannot be revoked (rotate first).
 */
final class SigningKeysResource {
    /** RS256 first: it is the default algorithm and the one an Auth0 client expects {@code kid} to name. */
    private static final Comparator<String> ALG_ORDER = Comparator.comparing((String alg) -> !alg.equals("RS256"))
            .thenComparing(Comparator.naturalOrder());

    private final Changes changes;
    private final InstantSource clock;

    SigningKeysResource(Changes changes, InstantSource clock) {
        this.changes = changes;
        this.clock = clock;
    }

    Object list(ApiCall call) {
        call.caller().require("read:signing_keys");
        call.query().allowOnly(Set.of());
        return changes.store().read(StoreTx::signingKeys).stream().map(SigningKeysResource::render).toList();
    }

    Object get(ApiCall call) {
        call.caller().require("read:signing_keys");
        String kid = call.path("kid");
        return render(changes.store().read(tx -> find(tx, kid)));
    }

    Object rotate(ApiCall call) {
        call.caller().require("create:signing_keys", "update:signing_keys");
        // key generation (RSA: up to a second) happens before the transaction, which only swaps states
        var now = clock.instant();
        var fresh = new LinkedHashMap<String, SigningKey>();
        for (String alg : algorithmsInUse(changes.store().read(StoreTx::signingKeys))) {
            fresh.put(alg, KeyGenerator.generate(alg, SigningKey.State.CURRENT, now));
        }
        List<SigningKey> promoted = changes.apply(call, "Rotate the signing keys", tx -> rotateAll(tx, fresh, now));
        var body = new LinkedHashMap<String, Object>();
        body.put("kid", promoted.get(0).kid());
        body.put("keys", promoted.stream().map(k -> {
            var m = new LinkedHashMap<String, Object>();
            m.put("kid", k.kid());
            m.put("alg", k.alg());
            return m;
        }).toList());
        return body;
    }

    /** The algorithms with a current key, RS256 first; RS256 alone when there is none. */
    private static List<String> algorithmsInUse(List<SigningKey> keys) {
        var algs = keys.stream().filter(k -> k.state() == SigningKey.State.CURRENT).map(SigningKey::alg)
                .distinct().sorted(ALG_ORDER).toList();
        return algs.isEmpty() ? List.of("RS256") : algs;
    }

    /** For each algorithm in use: NEXT (or a fresh key) becomes CURRENT, CURRENT becomes PREVIOUS. */
    private static List<SigningKey> rotateAll(StoreTx tx, Map<String, SigningKey> fresh, Instant now) {
        var keys = tx.signingKeys();
        var promoted = new ArrayList<SigningKey>();
        for (String alg : algorithmsInUse(keys)) {
            for (SigningKey k : keys) {
                if (k.alg().equals(alg) && k.state() == SigningKey.State.CURRENT) {
                    tx.updateSigningKey(withState(k, SigningKey.State.PREVIOUS, now));
                }
            }
            var next = keys.stream().filter(k -> k.alg().equals(alg) && k.state() == SigningKey.State.NEXT).findFirst();
            SigningKey current;
            if (next.isPresent()) {
                current = withState(next.get(), SigningKey.State.CURRENT, now);
                tx.updateSigningKey(current);
            } else {
                current = fresh.containsKey(alg) ? fresh.get(alg) : KeyGenerator.generate(alg, SigningKey.State.CURRENT, now);
                tx.insertSigningKey(current);
            }
            promoted.add(current);
        }
        return promoted;
    }

    Object revoke(ApiCall call) {
        call.caller().require("update:signing_keys");
        String kid = call.path("kid");
        changes.apply(call, "Revoke a signing key", tx -> {
            SigningKey key = find(tx, kid);
            switch (key.state()) {
                case CURRENT -> throw refused("The current signing key cannot be revoked; rotate the keys first");
                case NEXT -> throw refused("The next signing key cannot be revoked");
                case REVOKED -> throw refused("The signing key is already revoked");
                case PREVIOUS -> tx.updateSigningKey(withState(key, SigningKey.State.REVOKED, clock.instant()));
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

    private static SigningKey withState(SigningKey k, SigningKey.State state, Instant when) {
        return new SigningKey(k.kid(), k.alg(), k.publicJwk(), k.privateJwk(), state, k.createdAt(), when);
    }

    /** Auth0's signing key object; the state change times come from the key's last update. */
    static Map<String, Object> render(SigningKey k) {
        var m = new LinkedHashMap<String, Object>();
        m.put("kid", k.kid());
        m.put("alg", k.alg());
        m.put("thumbprint", k.kid());
        m.put("current", k.state() == SigningKey.State.CURRENT);
        m.put("next", k.state() == SigningKey.State.NEXT);
        m.put("previous", k.state() == SigningKey.State.PREVIOUS);
        m.put("revoked", k.state() == SigningKey.State.REVOKED);
        var iso = DateTimeFormatter.ISO_INSTANT;
        switch (k.state()) {
            case CURRENT -> m.put("current_since", iso.format(k.updatedAt()));
            case PREVIOUS -> m.put("current_until", iso.format(k.updatedAt()));
            case REVOKED -> m.put("revoked_at", iso.format(k.updatedAt()));
            case NEXT -> { }
        }
        return m;
    }
}
