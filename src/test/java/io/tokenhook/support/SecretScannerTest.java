package io.tokenhook.support;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The scan behind {@code SecretLeakTest}: it must find a secret however it is embedded, and nothing else. */
class SecretScannerTest {
    private static final String SECRET = "sEcr3t-value-0123456789_abc";
    private static final SecretScanner SCANNER = new SecretScanner(Map.of(SECRET, TestSecrets.Kind.CLIENT_SECRET,
            "abc", TestSecrets.Kind.HOOK_SECRET));

    @Test
    void scanWhenSecretInsideAnyBase64StringThenFoundWhateverItsOffset() {
        for (String prefix : new String[] {"", "a", "ab", "abc", "client-id:", "x:"}) {
            for (String suffix : new String[] {"", "!", "!!"}) {
                byte[] bytes = (prefix + SECRET + suffix).getBytes(StandardCharsets.UTF_8);
                assertThat(SCANNER.scan("Authorization: Basic " + Base64.getEncoder().encodeToString(bytes)))
                        .as("base64 of %s<secret>%s", prefix, suffix).extracting(SecretScanner.Finding::encoding).contains("base64");
                assertThat(SCANNER.scan(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)))
                        .as("base64url of %s<secret>%s", prefix, suffix).isNotEmpty();
            }
        }
    }

    @Test
    void scanWhenSecretAsIsOrFormEncodedThenFoundAndMaskedInTheReport() {
        var findings = SCANNER.scan("client_secret=" + SECRET + "&audience=x");
        assertThat(findings).extracting(SecretScanner.Finding::encoding).containsExactly("as is");
        assertThat(findings.get(0).where()).isEqualTo("client_secret=<CLIENT_SECRET>&audience=x");
        var withSpace = new SecretScanner(Map.of("two words secret", TestSecrets.Kind.DASHBOARD_PASSWORD));
        assertThat(withSpace.scan("password=two+words+secret")).extracting(SecretScanner.Finding::encoding).containsExactly("form-encoded");
    }

    @Test
    void scanWhenOnlyPartOfTheSecretOrOtherTextThenNothing() {
        assertThat(SCANNER.scan(SECRET.substring(0, SECRET.length() - 1))).isEmpty();
        assertThat(SCANNER.scan("abc abc abc: short secrets are not searched")).isEmpty();
        assertThat(SCANNER.linesRead()).isGreaterThan(0);
    }
}
