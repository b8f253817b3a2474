package io.tokenhook.http;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code --tls-self-signed}: the local CA and the server certificate it issues, reused, renewed and guarded. */
class LocalCaTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;

    private static String mode(Path file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    @Test
    void serverIdentityWhenFirstUsedThenCreatesCaAndServerCertificateWithPrivateKeysMode0600() throws Exception {
        var issued = LocalCa.serverIdentity(dir, NOW);

        assertThat(issued.caCreated()).isTrue();
        assertThat(issued.certificateIssued()).isTrue();
        assertThat(issued.caFile()).isEqualTo(dir.resolve("ca.pem"));
        assertThat(mode(dir.resolve("ca-key.pem"))).isEqualTo("rw-------");
        assertThat(mode(dir.resolve("tls-key.pem"))).isEqualTo("rw-------");
        assertThat(mode(dir.resolve("ca.pem"))).isEqualTo("rw-r--r--");
        try (var dirEntries = Files.list(dir)) {
            assertThat(dirEntries.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("ca.pem", "ca-key.pem", "tls-cert.pem", "tls-key.pem");
        }
    }

    @Test
    void serverCertificateCarriesTheNamesAndExtensionsStrictClientsAsk() throws Exception {
        var issued = LocalCa.serverIdentity(dir, NOW);
        X509Certificate server = issued.identity().certificate();
        X509Certificate ca = readCa(issued.caFile());

        assertThat(server.getSubjectAlternativeNames()).containsExactlyInAnyOrder(
                List.of(2, "localhost"), List.of(7, "127.0.0.1"), List.of(7, "0:0:0:0:0:0:0:1"));
        assertThat(server.getBasicConstraints()).isEqualTo(-1);                      // CA:false
        assertThat(server.getCriticalExtensionOIDs()).contains("2.5.29.19", "2.5.29.15");
        assertThat(server.getKeyUsage()[0]).isTrue();                                // digitalSignature
        assertThat(server.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1"); // serverAuth
        assertThat(server.getExtensionValue("2.5.29.35")).isNotNull();                // authority key id
        assertThat(server.getExtensionValue("2.5.29.14")).isNotNull();                // subject key id
        assertThat(Duration.between(server.getNotBefore().toInstant(), server.getNotAfter().toInstant())).isLessThanOrEqualTo(Duration.ofDays(397));
        assertThat(server.getNotBefore().toInstant()).isBefore(NOW);
        assertThat(server.getPublicKey().getAlgorithm()).isEqualTo("EC");
        server.verify(ca.getPublicKey());

        assertThat(ca.getBasicConstraints()).isEqualTo(0);                            // CA:true, no intermediate below it
        assertThat(ca.getKeyUsage()[5]).isTrue();                                     // keyCertSign
        assertThat(ca.getExtensionValue("2.5.29.30")).isNotNull();                    // name constraints
        assertThat(ca.getCriticalExtensionOIDs()).contains("2.5.29.30");
        assertThat(issued.identity().chain()).containsExactly(server, ca);
    }

    @Test
    void serverCertificatePassesOpensslStrictVerificationForEachName() throws Exception {
        var issued = LocalCa.serverIdentity(dir, Instant.now());
        Path cert = dir.resolve("tls-cert.pem");

        for (String name : List.of("-verify_hostname localhost", "-verify_ip 127.0.0.1", "-verify_ip ::1")) {
            assertThat(opensslVerify(issued.caFile(), cert, name.split(" "))).isEqualTo(cert + ": OK");
        }
        assertThat(opensslVerify(issued.caFile(), cert, "-verify_hostname", "example.com")).contains("hostname mismatch");
    }

    @Test
    void caWhenItsKeySignsACertificateForAnotherSiteThenClientsRefuseIt() throws Exception {
        Instant now = Instant.now();
        var issued = LocalCa.serverIdentity(dir, now);
        X509Certificate ca = readCa(issued.caFile());
        PrivateKey caKey = Pem.readPrivateKey(dir.resolve("ca-key.pem"));
        X509Certificate foreign = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(ca, BigInteger.TEN,
                Date.from(now.minusSeconds(60)), Date.from(now.plus(Duration.ofDays(30))), new X500Name("CN=example.com"),
                issued.identity().certificate().getPublicKey())
                .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.dNSName, "example.com")))
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKey)));
        Path foreignFile = dir.resolve("foreign.pem");
        Pem.writeCertificates(foreignFile, List.of(foreign));

        assertThat(opensslVerify(issued.caFile(), foreignFile, "-verify_hostname", "example.com")).contains("permitted subtree violation");
    }

    /** {@code openssl verify} as strict as it gets, for a TLS server: OpenSSL is what curl, Node.js and Python use. */
    private static String opensslVerify(Path ca, Path cert, String... name) throws Exception {
        var command = new java.util.ArrayList<>(List.of("openssl", "verify", "-x509_strict", "-purpose", "sslserver", "-CAfile", ca.toString()));
        command.addAll(List.of(name));
        command.add(cert.toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        p.waitFor();
        return out;
    }

    @Test
    void serverIdentityWhenStartedAgainThenReusesBoth() throws Exception {
        var first = LocalCa.serverIdentity(dir, NOW);
        byte[] ca = Files.readAllBytes(dir.resolve("ca.pem"));

        var again = LocalCa.serverIdentity(dir, NOW.plus(Duration.ofDays(300)));

        assertThat(again.caCreated()).isFalse();
        assertThat(again.certificateIssued()).isFalse();
        assertThat(again.identity().certificate()).isEqualTo(first.identity().certificate());
        assertThat(Files.readAllBytes(dir.resolve("ca.pem"))).isEqualTo(ca);
    }

    @Test
    void serverIdentityWhenCertificateExpiresWithin30DaysThenIssuesANewOneFromTheSameCa() throws Exception {
        var first = LocalCa.serverIdentity(dir, NOW);
        byte[] ca = Files.readAllBytes(dir.resolve("ca.pem"));
        Instant later = first.identity().certificate().getNotAfter().toInstant().minus(Duration.ofDays(29));

        var renewed = LocalCa.serverIdentity(dir, later);

        assertThat(renewed.caCreated()).isFalse();
        assertThat(renewed.certificateIssued()).isTrue();
        assertThat(renewed.identity().certificate().getNotAfter()).isAfter(first.identity().certificate().getNotAfter());
        assertThat(Files.readAllBytes(dir.resolve("ca.pem"))).isEqualTo(ca);
        renewed.identity().certificate().verify(readCa(dir.resolve("ca.pem")).getPublicKey());
        assertThat(LocalCa.serverIdentity(dir, later).certificateIssued()).isFalse();
    }

    @Test
    void serverIdentityWhenCaExpiresWithin30DaysThenCreatesANewCa() throws Exception {
        var first = LocalCa.serverIdentity(dir, NOW);
        Instant later = readCa(first.caFile()).getNotAfter().toInstant().minus(Duration.ofDays(10));

        var renewed = LocalCa.serverIdentity(dir, later);

        assertThat(renewed.caCreated()).isTrue();
        assertThat(renewed.certificateIssued()).isTrue();
        renewed.identity().certificate().verify(readCa(dir.resolve("ca.pem")).getPublicKey());
    }

    @Test
    void serverIdentityWhenServerFilesAreDamagedThenIssuesANewCertificate() throws Exception {
        LocalCa.serverIdentity(dir, NOW);
        Files.writeString(dir.resolve("tls-key.pem"), "garbage");

        var again = LocalCa.serverIdentity(dir, NOW);

        assertThat(again.caCreated()).isFalse();
        assertThat(again.certificateIssued()).isTrue();
    }

    @Test
    void serverIdentityWhenCaKeyIsMissingOrDamagedThenRefusesRatherThanReplacingATrustedCa() throws Exception {
        LocalCa.serverIdentity(dir, NOW);
        byte[] ca = Files.readAllBytes(dir.resolve("ca.pem"));
        Files.writeString(dir.resolve("ca-key.pem"), "garbage");

        assertThatThrownBy(() -> LocalCa.serverIdentity(dir, NOW)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TLS key " + dir.resolve("ca-key.pem") + " holds no PEM private key (-----BEGIN PRIVATE KEY-----); delete "
                        + dir.resolve("ca.pem") + " and " + dir.resolve("ca-key.pem") + " to create a new local CA (clients must then trust the new ca.pem)");

        Files.delete(dir.resolve("ca-key.pem"));
        assertThatThrownBy(() -> LocalCa.serverIdentity(dir, NOW))
                .hasMessage("found " + dir.resolve("ca.pem") + " but not its key " + dir.resolve("ca-key.pem") + ": restore it, or delete "
                        + dir.resolve("ca.pem") + " to create a new local CA (clients must then trust the new ca.pem)");
        assertThat(Files.readAllBytes(dir.resolve("ca.pem"))).isEqualTo(ca);
    }

    private static X509Certificate readCa(Path file) throws Exception {
        try (var in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }
}
