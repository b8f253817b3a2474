package io.tokenhook.token;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The choice of the provider that signs, from {@code TOKENHOOK_CRYPTO_PROVIDER}. */
class CryptoProviderTest {

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", "auto", "AUTO"})
    void selectWhenAutoThenAccpOnThisPlatform(String setting) {
        CryptoProvider crypto = CryptoProvider.select(setting);
        assertThat(crypto.name()).isEqualTo("ACCP");
        assertThat(crypto.fellBack()).isFalse();
        assertThat(crypto.reason()).contains("2.5.0").contains("AWS-LC").contains("self-tests");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "JDK", " jdk "})
    void selectWhenJdkThenTheJdksProvidersWithTheReason(String setting) {
        CryptoProvider crypto = CryptoProvider.select(setting);
        assertThat(crypto.name()).isEqualTo("JDK");
        assertThat(crypto.fellBack()).isFalse();
        assertThat(crypto.reason()).isEqualTo("TOKENHOOK_CRYPTO_PROVIDER=jdk");
    }

    @ParameterizedTest
    @ValueSource(strings = {"accp2", "openssl", "off"})
    void selectWhenUnknownThenOneClearMessage(String setting) {
        assertThatThrownBy(() -> CryptoProvider.select(setting)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TOKENHOOK_CRYPTO_PROVIDER must be auto or jdk, not '" + setting + "'");
    }

    @Test
    void aKeyRingKeepsTheProviderItStartedWith() {
        CryptoProvider jdk = CryptoProvider.jdk("test");
        KeyRing ring = KeyRing.of(java.util.List.of(), KeyRing.empty(jdk), java.time.Instant.now());
        assertThat(ring.crypto()).isSameAs(jdk);
        var issuer = new TokenIssuer("http://localhost/", java.time.InstantSource.system(), CryptoProvider.jdk("other"));
        assertThatThrownBy(() -> issuer.useKeys(ring)).isInstanceOf(IllegalArgumentException.class);
    }
}
