package io.tokenhook.dashboard;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordsTest {
    @Test
    void hashWhenVerifiedWithSamePasswordThenMatches() {
        String hash = Passwords.hash("correct horse");
        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(Passwords.verify("correct horse", hash)).isTrue();
        assertThat(Passwords.verify("correct horsE", hash)).isFalse();
    }

    @Test
    void hashWhenSamePasswordTwiceThenSaltsDiffer() {
        assertThat(Passwords.hash("same")).isNotEqualTo(Passwords.hash("same"));
    }

    @Test
    void verifyWhenHashMissingOrMalformedThenNeverMatches() {
        assertThat(Passwords.verify("x", null)).isFalse();
        assertThat(Passwords.verify("x", "plain text")).isFalse();
        assertThat(Passwords.verify(null, Passwords.hash("x"))).isFalse();
    }

    @Test
    void generateWhenCalledThenLongAndUnambiguous() {
        String p = Passwords.generate();
        assertThat(p).hasSize(27).matches("[a-zA-Z2-9-]+").doesNotContain("l", "O", "0", "1", "I");
        assertThat(Passwords.generate()).isNotEqualTo(p);
    }
}
