package io.tokenhook.http;

import io.tokenhook.support.TestTls;
import io.tokenhook.support.TestTls.KeyFormat;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading the operator's PEM certificate chain and key ({@code --tls-cert}, {@code --tls-key}), and refusing bad ones in one line. */
class TlsIdentityTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"RSA, PKCS8", "RSA, TRADITIONAL", "EC, PKCS8", "EC, TRADITIONAL"})
    void fromPemWhenKeyIsPkcs8OrTraditionalThenReadsChainAndKey(String algorithm, KeyFormat format) throws Exception {
        var issued = TestTls.issue(dir, algorithm, format);
        assertThat(Files.readString(issued.keyFile())).startsWith(format == KeyFormat.PKCS8
                ? "-----BEGIN PRIVATE KEY-----" : "-----BEGIN " + algorithm + " PRIVATE KEY-----");

        var identity = TlsIdentity.fromPem(issued.certFile(), issued.keyFile());

        assertThat(identity.certificate()).isEqualTo(issued.certificate());
        assertThat(identity.chain()).hasSize(2);
        assertThat(identity.key().getAlgorithm()).isEqualTo(algorithm);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "openssl genrsa -traditional -out key.pem 2048",
            "openssl ecparam -name prime256v1 -genkey -out key.pem",
            "openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out key.pem"})
    void fromPemWhenOpensslWroteTheFilesThenReadsThem(String keyCommand) throws Exception {
        openssl(keyCommand.split(" "));
        openssl("openssl", "req", "-x509", "-key", "key.pem", "-out", "cert.pem", "-days", "1", "-subj", "/CN=localhost");

        var identity = TlsIdentity.fromPem(dir.resolve("cert.pem"), dir.resolve("key.pem"));

        assertThat(identity.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
    }

    private void openssl(String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
    }

    @Test
    void fromPemWhenOneFileHoldsKeyAndChainWithEcParametersThenReadsBoth() throws Exception {
        var issued = TestTls.issue(dir, "EC", KeyFormat.TRADITIONAL);
        // what `openssl ecparam -genkey` writes: an EC PARAMETERS block before the key; then the chain
        Path combined = dir.resolve("combined.pem");
        Files.writeString(combined, "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n"
                + Files.readString(issued.keyFile()) + Files.readString(issued.certFile()));

        var identity = TlsIdentity.fromPem(combined, combined);

        assertThat(identity.certificate()).isEqualTo(issued.certificate());
    }

    @Test
    void fromPemWhenKeyBelongsToAnotherCertificateThenRefused() {
        var one = TestTls.issue(dir.resolve("one"), "EC", KeyFormat.PKCS8);
        var other = TestTls.issue(dir.resolve("other"), "EC", KeyFormat.PKCS8);

        assertThatThrownBy(() -> TlsIdentity.fromPem(one.certFile(), other.keyFile()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TLS key " + other.keyFile() + " does not match the certificate in " + one.certFile()
                        + " (the server's own certificate must come first in the file)");
    }

    @Test
    void fromPemWhenChainStartsWithTheCaThenRefused() throws Exception {
        var issued = TestTls.issue(dir, "EC", KeyFormat.PKCS8);
        Path reversed = dir.resolve("reversed.pem");
        Files.writeString(reversed, Files.readString(issued.caFile()) + Files.readString(issued.certFile()));

        assertThatThrownBy(() -> TlsIdentity.fromPem(reversed, issued.keyFile())).hasMessageContaining("does not match the certificate");
    }

    @Test
    void fromPemWhenKeyIsEncryptedThenRefusedWithHowToDecrypt() throws Exception {
        var issued = TestTls.issue(dir, "EC", KeyFormat.PKCS8);
        var key = TlsIdentity.fromPem(issued.certFile(), issued.keyFile()).key();
        var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC).setProvider(new BouncyCastleProvider())
                .setPassword("secret".toCharArray()).build();
        Path encrypted = dir.resolve("encrypted.pem");
        Files.writeString(encrypted, TestTls.pem(new JcaPKCS8Generator(key, encryptor).generate()));

        assertThatThrownBy(() -> TlsIdentity.fromPem(issued.certFile(), encrypted))
                .hasMessage("TLS key " + encrypted + " is encrypted; Tokenhook reads unencrypted keys only (openssl pkey -in "
                        + encrypted + " -out key.pem writes one, mode 0600)");
    }

    @Test
    void fromPemWhenFilesAreMissingOrNotPemThenOneLineNamingTheFile() throws Exception {
        var issued = TestTls.issue(dir, "EC", KeyFormat.PKCS8);
        Path missing = dir.resolve("missing.pem");
        Path text = Files.writeString(dir.resolve("text.pem"), "not a certificate\n");
        Path broken = Files.writeString(dir.resolve("broken.pem"), "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");

        assertThatThrownBy(() -> TlsIdentity.fromPem(missing, issued.keyFile()))
                .hasMessage("cannot read TLS certificate " + missing + ": no such file");
        assertThatThrownBy(() -> TlsIdentity.fromPem(issued.certFile(), missing))
                .hasMessage("cannot read TLS key " + missing + ": no such file");
        assertThatThrownBy(() -> TlsIdentity.fromPem(text, issued.keyFile()))
                .hasMessage("TLS certificate " + text + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        assertThatThrownBy(() -> TlsIdentity.fromPem(issued.certFile(), issued.certFile()))
                .hasMessage("TLS key " + issued.certFile() + " holds no PEM private key (-----BEGIN PRIVATE KEY-----)");
        assertThatThrownBy(() -> TlsIdentity.fromPem(broken, issued.keyFile()))
                .hasMessageStartingWith("TLS certificate " + broken + " is not valid PEM: ");
    }
}
