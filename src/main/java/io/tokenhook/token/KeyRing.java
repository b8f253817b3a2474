package io.tokenhook.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import io.tokenhook.tenant.SigningKey;

import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Parsed signers and verifiers of the tenant keys as they stand at one instant: which key signs for each
 * algorithm and which keys the JWKS lists. Built once per snapshot and again at each planned key change (reusing
 * the previous ring's parsed keys), so signing never parses or allocates keys. Its signers compute with the
 * {@link CryptoProvider} the first ring was made with; verifiers (used on the Management API only) with the JDK's
 * providers and Tink.
 */
public final class KeyRing {
    private final CryptoProvider crypto;
    private final Map<String, Entry> byKid;
    private final Map<String, Entry> currentByAlg;
    private final String jwksJson;
    private final Instant nextChange;

    private record Entry(SigningKey key, JWSSigner signer, JWSVerifier verifier) {}

    private KeyRing(CryptoProvider crypto, Map<String, Entry> byKid, Map<String, Entry> currentByAlg, String jwksJson,
                    Instant nextChange) {
        this.crypto = crypto;
        this.byKid = byKid;
        this.currentByAlg = currentByAlg;
        this.jwksJson = jwksJson;
        this.nextChange = nextChange;
    }

    /** A ring without keys whose successors sign with the JDK's providers. */
    public static KeyRing empty() {
        return empty(CryptoProvider.jdk("default"));
    }

    /** A ring without keys whose successors sign with {@code crypto}. */
    public static KeyRing empty(CryptoProvider crypto) {
        return new KeyRing(crypto, Map.of(), Map.of(), new JWKSet().toString(), null);
    }

    /**
     * The ring of {@code keys} at {@code now}, with {@code previous}'s crypto provider, parsing only keys
     * {@code previous} does not already hold.
     */
    public static KeyRing of(List<SigningKey> keys, KeyRing previous, Instant now) {
        var byKid = new HashMap<String, Entry>();
        var current = new HashMap<String, Entry>();
        var published = new ArrayList<JWK>();
        Instant nextChange = null;
        for (SigningKey key : keys) {
            Instant change = key.nextChangeAfter(now).orElse(null);
            if (change != null && (nextChange == null || change.isBefore(nextChange))) nextChange = change;
            if (!key.publishedAt(now)) continue;
            Entry old = previous.byKid.get(key.kid());
            Entry entry = old != null && old.key.privateJwk().equals(key.privateJwk())
                    ? new Entry(key, old.signer, old.verifier) : parse(key, previous.crypto);
            byKid.put(key.kid(), entry);
            if (key.stateAt(now) == SigningKey.State.CURRENT) {
                // two current keys of one algorithm only if times were edited by hand: the newer one wins
                current.merge(key.alg(), entry, (a, b) -> a.key.currentSince().isAfter(b.key.currentSince()) ? a : b);
            }
            published.add(parsePublic(key));
        }
        return new KeyRing(previous.crypto, Map.copyOf(byKid), Map.copyOf(current), new JWKSet(published).toString(),
                nextChange);
    }

    /** When a key of this ring next starts or stops signing, or joins or leaves the JWKS; empty if nothing is planned. */
    public Optional<Instant> nextChange() {
        return Optional.ofNullable(nextChange);
    }

    private static Entry parse(SigningKey key, CryptoProvider crypto) {
        try {
            JWK jwk = JWK.parse(key.privateJwk());
            JWSVerifier verifier = switch (jwk) {
                case RSAKey rsa -> new RSASSAVerifier(rsa.toPublicJWK());
                case ECKey ec -> new ECDSAVerifier(ec.toPublicJWK());
                case OctetKeyPair okp -> new Ed25519Verifier(okp.toPublicJWK());
                default -> throw new IllegalStateException("unsupported key type for " + key.kid());
            };
            return new Entry(key, crypto.signer(key.alg(), jwk), verifier);
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

    /** Where this ring's signatures are computed. */
    public CryptoProvider crypto() {
        return crypto;
    }

    /** The kid signing for each algorithm, for the log. */
    public Map<String, String> currentKids() {
        var kids = new TreeMap<String, String>();
        currentByAlg.forEach((alg, e) -> kids.put(alg, e.key.kid()));
        return kids;
    }

    record KidSigner(String kid, JWSSigner signer) {}
}
