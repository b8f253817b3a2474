package io.tokenhook.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import io.tokenhook.tenant.SigningKey;
import io.tokenhook.tenant.TenantSnapshot;

import java.text.ParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parsed signers and verifiers for the tenant keys of one snapshot. Built once per snapshot (reusing the
 * previous ring's parsed keys), so signing never parses or allocates keys.
 */
public final class KeyRing {
    private final Map<String, Entry> byKid;
    private final Map<String, Entry> currentByAlg;
    private final String jwksJson;

    private record Entry(SigningKey key, JWSSigner signer, JWSVerifier verifier) {}

    private KeyRing(Map<String, Entry> byKid, Map<String, Entry> currentByAlg, String jwksJson) {
        this.byKid = byKid;
        this.currentByAlg = currentByAlg;
        this.jwksJson = jwksJson;
    }

    public static KeyRing empty() {
        return new KeyRing(Map.of(), Map.of(), new JWKSet().toString());
    }

    /** The ring for {@code snapshot}'s keys, parsing only keys {@code previous} does not already hold. */
    public static KeyRing of(TenantSnapshot snapshot, KeyRing previous) {
        var byKid = new HashMap<String, Entry>();
        var current = new HashMap<String, Entry>();
        var published = new java.util.ArrayList<JWK>();
        for (SigningKey key : snapshot.signingKeys()) {
            if (!key.published()) continue;
            Entry old = previous.byKid.get(key.kid());
            Entry entry = old != null && old.key.privateJwk().equals(key.privateJwk())
                    ? new Entry(key, old.signer, old.verifier) : parse(key);
            byKid.put(key.kid(), entry);
            if (key.state() == SigningKey.State.CURRENT) current.put(key.alg(), entry);
            published.add(parsePublic(key));
        }
        return new KeyRing(Map.copyOf(byKid), Map.copyOf(current), new JWKSet(published).toString());
    }

    private static Entry parse(SigningKey key) {
        try {
            JWK jwk = JWK.parse(key.privateJwk());
            if (jwk instanceof RSAKey rsa) return new Entry(key, new RSASSASigner(rsa), new RSASSAVerifier(rsa.toPublicJWK()));
            if (jwk instanceof ECKey ec) return new Entry(key, new ECDSASigner(ec), new ECDSAVerifier(ec.toPublicJWK()));
            throw new IllegalStateException("unsupported key type for " + key.kid());
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("unreadable signing key " + key.kid(), e);
        }
    }

    private static JWK parsePublic(SigningKey key) {
        try {
            return JWK.parse(key.publicJwk());
        } catch (ParseException e) {
            throw new IllegalStateException("unreadable public key " + key.kid(), e);
        }
    }

    /** The signer of the current key for {@code alg}, with its kid. */
    Optional<KidSigner> currentSigner(String alg) {
        Entry e = currentByAlg.get(alg);
        return e == null ? Optional.empty() : Optional.of(new KidSigner(e.key.kid(), e.signer));
    }

    Optional<JWSVerifier> verifier(String kid) {
        Entry e = byKid.get(kid);
        return e == null ? Optional.empty() : Optional.of(e.verifier);
    }

    /** The JWKS document: every published key, public parts only. */
    public String jwksJson() {
        return jwksJson;
    }

    public List<String> currentAlgorithms() {
        return List.copyOf(currentByAlg.keySet());
    }

    record KidSigner(String kid, JWSSigner signer) {}
}
