package io.tokenhook.token;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import io.tokenhook.tenant.SigningKey;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which key signs and which keys are published, read from the keys' times at one instant. */
class KeyRingTest {
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final Instant SWITCH = T0.plusSeconds(5);
    private static final Instant UNPUBLISH = SWITCH.plusSeconds(3600);

    private final SigningKey old = KeyGenerator.generate("ES256", T0).withCurrentSince(T0).retiredAt(SWITCH, UNPUBLISH);
    private final SigningKey successor = KeyGenerator.generate("ES256", T0).withCurrentSince(SWITCH);
    private final SigningKey waiting = KeyGenerator.generate("ES256", T0);
    private final List<SigningKey> keys = List.of(old, successor, waiting);

    private static List<String> published(KeyRing ring) throws Exception {
        return JWKSet.parse(ring.jwksJson()).getKeys().stream().map(k -> k.getKeyID()).toList();
    }

    @Test
    void beforeTheSwitchTheOldKeySignsAndEveryKeyIsPublished() throws Exception {
        KeyRing ring = KeyRing.of(keys, KeyRing.empty(), SWITCH.minusMillis(1));
        assertThat(ring.currentSigner("ES256").orElseThrow().kid()).isEqualTo(old.kid());
        assertThat(published(ring)).containsExactlyInAnyOrder(old.kid(), successor.kid(), waiting.kid());
        assertThat(ring.nextChange()).contains(SWITCH);
    }

    @Test
    void atTheSwitchTheSuccessorSignsAndTheOldKeyStaysPublishedUntilItsTokensExpired() throws Exception {
        KeyRing ring = KeyRing.of(keys, KeyRing.empty(), SWITCH);
        assertThat(ring.currentSigner("ES256").orElseThrow().kid()).isEqualTo(successor.kid());
        assertThat(published(ring)).contains(old.kid());
        assertThat(ring.verifier(old.kid())).isPresent();
        assertThat(ring.nextChange()).contains(UNPUBLISH);

        KeyRing later = KeyRing.of(keys, ring, UNPUBLISH);
        assertThat(published(later)).containsExactlyInAnyOrder(successor.kid(), waiting.kid());
        assertThat(later.verifier(old.kid())).isEmpty();
        assertThat(later.nextChange()).isEmpty();
    }

    @Test
    void aRevokedKeyLeavesAtOnce() throws Exception {
        Instant now = SWITCH.plusSeconds(10);
        KeyRing ring = KeyRing.of(List.of(old.revoked(now), successor), KeyRing.empty(), now);
        assertThat(published(ring)).containsExactly(successor.kid());
        assertThat(old.revoked(now).stateAt(now)).isEqualTo(SigningKey.State.REVOKED);
        assertThat(old.revoked(now).stateAt(now.minusMillis(1))).isEqualTo(SigningKey.State.PREVIOUS);
    }

    @Test
    void theWaitingKeyIsNextAndNeverSigns() {
        assertThat(waiting.stateAt(UNPUBLISH.plusSeconds(1))).isEqualTo(SigningKey.State.NEXT);
        assertThat(waiting.publishedAt(UNPUBLISH.plusSeconds(1))).isTrue();
        assertThat(waiting.nextChangeAfter(T0)).isEmpty();
    }

    @Test
    void anEdDsaKeyIsPublishedAsAnOkpEd25519JwkNamedByItsThumbprint() throws Exception {
        SigningKey ed = KeyGenerator.generate("EdDSA", T0).withCurrentSince(T0);
        KeyRing ring = KeyRing.of(List.of(ed), KeyRing.empty(), T0);
        var jwk = JWKSet.parse(ring.jwksJson()).getKeyByKeyId(ed.kid());
        assertThat(jwk).isInstanceOf(OctetKeyPair.class);
        assertThat(((OctetKeyPair) jwk).getCurve()).isEqualTo(Curve.Ed25519);
        assertThat(jwk.getAlgorithm()).isEqualTo(JWSAlgorithm.EdDSA);
        assertThat(jwk.getKeyUse()).isEqualTo(KeyUse.SIGNATURE);
        assertThat(jwk.isPrivate()).isFalse();
        assertThat(ring.jwksJson()).doesNotContain("\"d\"");
        assertThat(jwk.computeThumbprint().toString()).isEqualTo(ed.kid());
        assertThat(ring.currentSigner("EdDSA").orElseThrow().kid()).isEqualTo(ed.kid());
        assertThat(ring.verifier(ed.kid())).isPresent();
    }
}
