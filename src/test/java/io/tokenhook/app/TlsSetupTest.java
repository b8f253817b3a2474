package io.tokenhook.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a start under TLS prints and how the TLS settings shape the configuration. */
class TlsSetupTest {
    @TempDir
    Path dir;

    private Config config(String issuer, Config.Tls tls) {
        return new Config("127.0.0.1", 8443, dir, issuer, null, null, Duration.ofDays(1), Duration.ofSeconds(1), 100, 0,
                Config.DEFAULT_CONFIG_CHECK_INTERVAL, null, null, tls);
    }

    private static String printed(Config config) {
        var out = new ByteArrayOutputStream();
        TlsSetup.load(config, Instant.now(), new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void loadWhenSelfSignedThenPrintsTheCaPathAtEveryStart() {
        var config = config(null, new Config.Tls(null, null, true));
        String ca = dir.resolve("ca.pem").toString();

        String first = printed(config);
        String second = printed(config);

        assertThat(first).contains("Tokenhook HTTPS with a self-signed local CA (created now):", "  CA certificate: " + ca,
                "curl --cacert " + ca, "NODE_EXTRA_CA_CERTS=" + ca, "tokenhook login --ca-file " + ca);
        assertThat(second).contains("Tokenhook HTTPS with a self-signed local CA:", "  CA certificate: " + ca).doesNotContain("created now");
    }

    @Test
    void loadWhenNoTlsThenNothingPrintedAndPlainHttp() {
        assertThat(printed(config(null, Config.Tls.NONE))).isEmpty();
        assertThat(TlsSetup.load(config(null, null), Instant.now(), System.out)).isNull();
    }

    @Test
    void defaultIssuerFollowsTls() {
        assertThat(config(null, new Config.Tls(null, null, true)).issuer()).isEqualTo("https://localhost:8443/");
        assertThat(config(null, new Config.Tls(Path.of("c.pem"), Path.of("k.pem"), false)).issuer()).isEqualTo("https://localhost:8443/");
        assertThat(config(null, Config.Tls.NONE).issuer()).isEqualTo("http://localhost:8443/");
        assertThat(config("https://auth.example.com", new Config.Tls(null, null, true)).issuer()).isEqualTo("https://auth.example.com/");
    }

    @Test
    void tlsWhenSelfSignedAndFilesOrHalfAPairThenRefused() {
        assertThatThrownBy(() -> new Config.Tls(null, Path.of("k.pem"), true))
                .hasMessage("--tls-self-signed cannot be combined with --tls-cert or --tls-key");
        assertThatThrownBy(() -> new Config.Tls(null, Path.of("k.pem"), false)).hasMessage("--tls-key needs --tls-cert");
    }
}
