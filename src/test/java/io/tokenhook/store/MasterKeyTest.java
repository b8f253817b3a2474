package io.tokenhook.store;

import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Sealing under the master key: what a sealed value looks like, and every way it refuses to open. */
class MasterKeyTest {
    private final MasterKey key = MasterKey.generate();

    @Test
    void sealWhenOpenedForTheSameRowThenClearValueBack() {
        String sealed = SecretColumn.HOOK_SECRET.seal(key, "s3cret-välue", "hook1", "TOKEN");
        assertThat(sealed).startsWith("v1:" + key.id() + ":").doesNotContain("s3cret");
        assertThat(SecretColumn.HOOK_SECRET.open(key, sealed, "hook1", "TOKEN")).isEqualTo("s3cret-välue");
    }

    @Test
    void sealWhenRepeatedThenFreshNonceEachTime() {
        String a = SecretColumn.PRIVATE_KEY.seal(key, "same", "kid"), b = SecretColumn.PRIVATE_KEY.seal(key, "same", "kid");
        assertThat(a).isNotEqualTo(b);
        assertThat(Base64.getDecoder().decode(a.substring(a.lastIndexOf(':') + 1))).hasSize(12 + 4 + 16);  // nonce, text, tag
    }

    @Test
    void openWhenAnotherRowOrColumnThenRefused() {
        String sealed = SecretColumn.HOOK_SECRET.seal(key, "value", "hook1", "TOKEN");
        assertThatThrownBy(() -> SecretColumn.HOOK_SECRET.open(key, sealed, "hook2", "TOKEN"))
                .hasMessage("cannot decrypt hook_secrets.value of hook2/TOKEN: the value does not authenticate: it was altered, or moved from another row");
        assertThatThrownBy(() -> SecretColumn.HOOK_SECRET.open(key, sealed, "hook1", "OTHER")).isInstanceOf(StoreUnavailableException.class);
        // the length prefixes keep ("hook1", "TOKEN") apart from ("hook1T", "OKEN")
        assertThatThrownBy(() -> SecretColumn.HOOK_SECRET.open(key, sealed, "hook1T", "OKEN")).isInstanceOf(StoreUnavailableException.class);
        String apiSecret = SecretColumn.API_SIGNING_SECRET.seal(key, "value", "id1");
        assertThatThrownBy(() -> SecretColumn.PRIVATE_KEY.open(key, apiSecret, "id1")).isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void openWhenSealedUnderAnotherKeyThenRefusedNamingBothKeys() {
        var other = MasterKey.generate();
        String sealed = SecretColumn.PRIVATE_KEY.seal(other, "value", "kid");
        assertThatThrownBy(() -> SecretColumn.PRIVATE_KEY.open(key, sealed, "kid"))
                .hasMessage("cannot decrypt signing_keys.private_jwk of kid: the value is sealed under master key " + other.id()
                        + ", not under this key (" + key.id() + ")");
        // relabelled with this key's id, the tag still gives it away
        String relabelled = sealed.replace(other.id(), key.id());
        assertThatThrownBy(() -> SecretColumn.PRIVATE_KEY.open(key, relabelled, "kid")).hasMessageContaining("does not authenticate");
    }

    @Test
    void openWhenAlteredOrNotSealedThenRefused() {
        String sealed = SecretColumn.PRIVATE_KEY.seal(key, "value", "kid");
        char last = sealed.charAt(sealed.length() - 3);
        String flipped = sealed.substring(0, sealed.length() - 3) + (last == 'A' ? 'B' : 'A') + sealed.substring(sealed.length() - 2);
        assertThatThrownBy(() -> SecretColumn.PRIVATE_KEY.open(key, flipped, "kid")).hasMessageContaining("does not authenticate");
        assertThatThrownBy(() -> SecretColumn.PRIVATE_KEY.open(key, "{\"kty\":\"EC\"}", "kid")).hasMessageContaining("is not a value sealed by this Tokenhook (v1)");
        assertThatThrownBy(() -> SecretColumn.PRIVATE_KEY.open(key, "v2:" + key.id() + ":AAAA", "kid")).hasMessageContaining("is not a value sealed");
        assertThatThrownBy(() -> SecretColumn.PRIVATE_KEY.open(key, "v1:" + key.id() + ":AAAA", "kid")).hasMessageContaining("is damaged (too short)");
        assertThatThrownBy(() -> SecretColumn.PRIVATE_KEY.open(key, "v1:" + key.id() + ":!!", "kid")).hasMessageContaining("is damaged (not base64)");
    }

    @Test
    void nullStaysNull() {
        assertThat(SecretColumn.API_SIGNING_SECRET.seal(key, null, "id")).isNull();
        assertThat(SecretColumn.API_SIGNING_SECRET.open(key, null, "id")).isNull();
    }

    @Test
    void keyWhenWrittenAndReadBackThenSameIdAndNeverShown() {
        var back = MasterKey.fromBase64(key.toBase64() + "\n", "test");
        assertThat(back.id()).isEqualTo(key.id()).hasSize(16);
        assertThat(SecretColumn.HOOK_SECRET.open(back, SecretColumn.HOOK_SECRET.seal(key, "v", "h", "n"), "h", "n")).isEqualTo("v");
        assertThat(key.toString()).isEqualTo("MasterKey[" + key.id() + "]").doesNotContain(key.toBase64());
        assertThat(MasterKey.generate().id()).isNotEqualTo(key.id());
    }
}
