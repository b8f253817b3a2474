package io.tokenhook.http;

import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;

/**
 * A certificate authority of this installation and a server certificate for {@code localhost}, {@code 127.0.0.1}
 * and {@code ::1} signed by it, both in the data directory: HTTPS for local clients that trust {@code ca.pem},
 * without a public CA. Both keys are ECDSA P-256. The CA may only vouch for those local names (name constraints),
 * so its key cannot impersonate another site to a machine that trusts it. Certificates are reused across starts
 * and issued anew when they would expire within {@link #RENEW_BEFORE}.
 */
public final class LocalCa {
    private static final Logger LOG = LoggerFactory.getLogger(LocalCa.class);
    static final Duration CA_VALIDITY = Duration.ofDays(3650);
    /** The longest server certificate browsers and Apple's TLS clients accept is 398 days. */
    static final Duration SERVER_VALIDITY = Duration.ofDays(397);
    static final Duration RENEW_BEFORE = Duration.ofDays(30);
    /** Room for clocks that run a little behind this one. */
    private static final Duration BACKDATE = Duration.ofHours(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private LocalCa() {}

    /**
     * The server's identity under {@code --tls-self-signed}.
     *
     * @param caFile         the CA certificate clients should trust
     * @param caCreated      whether this start created the CA (clients trusting an earlier one must trust this one)
     * @param certificateIssued whether this start issued the server certificate
     */
    public record Issued(TlsIdentity identity, Path caFile, boolean caCreated, boolean certificateIssued) {}

    /**
     * Reads or creates {@code ca.pem}, {@code ca-key.pem} (mode 0600), {@code tls-cert.pem} (the server's certificate
     * and the CA's) and {@code tls-key.pem} (mode 0600) in {@code dataDir}.
     *
     * @throws IllegalArgumentException when the data directory cannot be written, or the CA files are damaged or
     *                                  one of them is missing (they are never replaced silently: clients trust them)
     */
    public static Issued serverIdentity(Path dataDir, Instant now) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot create data directory " + dataDir + ": " + e.getMessage());
        }
        Path caFile = dataDir.resolve("ca.pem");
        Path caKeyFile = dataDir.resolve("ca-key.pem");
        TlsIdentity ca = existingCa(caFile, caKeyFile);
        boolean caCreated = ca == null || expiresSoon(ca.certificate(), now);
        if (caCreated) {
            if (ca != null) {
                LOG.warn("the local CA {} expires on {}: creating a new one, which clients must trust instead", caFile,
                        ca.certificate().getNotAfter().toInstant());
            }
            ca = newCa(now);
            Pem.writePrivateKey(caKeyFile, ca.key());
            Pem.writeCertificates(caFile, List.of(ca.certificate()));
        }
        Path certFile = dataDir.resolve("tls-cert.pem");
        Path keyFile = dataDir.resolve("tls-key.pem");
        TlsIdentity server = caCreated ? null : reusable(certFile, keyFile, ca.certificate(), now);
        boolean issued = server == null;
        if (issued) {
            server = newServerCertificate(ca, now);
            Pem.writePrivateKey(keyFile, server.key());
            Pem.writeCertificates(certFile, server.chain());
        }
        return new Issued(server, caFile, caCreated, issued);
    }

    /** The CA of an earlier start, or null for none; damaged or half-missing CA files stop the start. */
    private static TlsIdentity existingCa(Path caFile, Path caKeyFile) {
        boolean cert = Files.exists(caFile);
        boolean key = Files.exists(caKeyFile);
        if (!cert && !key) return null;
        String remedy = " to create a new local CA (clients must then trust the new " + caFile.getFileName() + ")";
        if (!key) throw new IllegalArgumentException("found " + caFile + " but not its key " + caKeyFile + ": restore it, or delete " + caFile + remedy);
        if (!cert) throw new IllegalArgumentException("found " + caKeyFile + " but not " + caFile + ": restore it, or delete " + caKeyFile + remedy);
        try {
            return TlsIdentity.fromPem(caFile, caKeyFile);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + "; delete " + caFile + " and " + caKeyFile + remedy);
        }
    }

    /** The server certificate of an earlier start when it is intact, issued by {@code ca} for today's names and not about to expire. */
    private static TlsIdentity reusable(Path certFile, Path keyFile, X509Certificate ca, Instant now) {
        if (!Files.exists(certFile) || !Files.exists(keyFile)) return null;
        try {
            TlsIdentity server = TlsIdentity.fromPem(certFile, keyFile);
            X509Certificate cert = server.certificate();
            cert.verify(ca.getPublicKey());
            boolean sameNames = Arrays.equals(cert.getExtensionValue(Extension.subjectAlternativeName.getId()),
                    new DEROctetString(SERVER_NAMES).getEncoded());
            return sameNames && !expiresSoon(cert, now) && !now.isBefore(cert.getNotBefore().toInstant()) ? server : null;
        } catch (IllegalArgumentException | GeneralSecurityException | IOException e) {
            LOG.info("issuing a new server certificate: {} is unusable ({})", certFile, e.getMessage());
            return null;
        }
    }

    private static boolean expiresSoon(X509Certificate cert, Instant now) {
        return cert.getNotAfter().toInstant().isBefore(now.plus(RENEW_BEFORE));
    }

    /** DNS:localhost, IP:127.0.0.1, IP:::1. */
    private static final GeneralNames SERVER_NAMES = new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.dNSName, "localhost"),
            new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
            new GeneralName(GeneralName.iPAddress, "::1")});

    /** What the CA may vouch for: localhost and its subdomains, 127.0.0.0/8 and ::1. */
    private static final NameConstraints CA_SCOPE = new NameConstraints(new GeneralSubtree[] {
            new GeneralSubtree(new GeneralName(GeneralName.dNSName, "localhost")),
            new GeneralSubtree(new GeneralName(GeneralName.iPAddress, "127.0.0.0/255.0.0.0")),
            new GeneralSubtree(new GeneralName(GeneralName.iPAddress, "::1/ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"))}, null);

    private static TlsIdentity newCa(Instant now) {
        KeyPair keys = ecKeyPair();
        var name = new X500Name("CN=Tokenhook local CA " + HexFormat.of().formatHex(serial().toByteArray(), 0, 4) + ",O=Tokenhook");
        Instant notBefore = now.minus(BACKDATE);
        try {
            var extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(), Date.from(notBefore),
                    Date.from(notBefore.plus(CA_VALIDITY)), name, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(keys.getPublic()))
                    .addExtension(Extension.nameConstraints, true, CA_SCOPE);
            return new TlsIdentity(List.of(sign(builder, keys.getPrivate())), keys.getPrivate());
        } catch (CertIOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot create the local CA", e);
        }
    }

    private static TlsIdentity newServerCertificate(TlsIdentity ca, Instant now) {
        KeyPair keys = ecKeyPair();
        X509Certificate caCert = ca.certificate();
        Instant notBefore = now.minus(BACKDATE);
        try {
            var extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(caCert, serial(), Date.from(notBefore),
                    Date.from(notBefore.plus(SERVER_VALIDITY)), new X500Name("CN=localhost,O=Tokenhook"), keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false, SERVER_NAMES)
                    .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(keys.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(caCert));
            return new TlsIdentity(List.of(sign(builder, ca.key()), caCert), keys.getPrivate());
        } catch (CertIOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot issue the server certificate", e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static KeyPair ecKeyPair() {
        try {
            var generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no EC P-256 key generator", e);
        }
    }

    /** 127 random bits: positive, unique, and unpredictable as CA/Browser Forum rules ask. */
    private static BigInteger serial() {
        return new BigInteger(127, RANDOM).setBit(120);
    }
}
