package io.tokenhook.support;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * TLS for tests: a client context that trusts one PEM CA file and nothing else, and certificates a test issues for
 * itself, as an operator would with openssl or a private CA.
 */
public final class TestTls {
    private TestTls() {}

    /** How a private key is written: PKCS#8 ({@code PRIVATE KEY}) or OpenSSL's traditional {@code RSA/EC PRIVATE KEY}. */
    public enum KeyFormat { PKCS8, TRADITIONAL }

    /** A CA certificate, and a server certificate (then the CA's) with its key, as PEM files. */
    public record Issued(Path caFile, Path certFile, Path keyFile, X509Certificate certificate) {}

    /** A client context that trusts the CA certificates in {@code caPem} only (not the JDK's). */
    public static SSLContext trusting(Path caPem) {
        try (InputStream in = Files.newInputStream(caPem)) {
            var store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) store.setCertificateEntry("ca" + i++, c);
            var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            var context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A new CA ({@code ca.pem}) and a server certificate for localhost and 127.0.0.1 ({@code cert.pem}, chain) with
     * a {@code keyAlgorithm} ("RSA" or "EC") key written as {@code format} ({@code key.pem}), in {@code dir}.
     */
    public static Issued issue(Path dir, String keyAlgorithm, KeyFormat format) {
        try {
            Files.createDirectories(dir);
            KeyPair caKeys = keyPair("EC");
            var caName = new X500Name("CN=Test CA " + System.nanoTime());
            Instant now = Instant.now();
            X509Certificate ca = sign(new JcaX509v3CertificateBuilder(caName, serial(), Date.from(now.minusSeconds(60)),
                    Date.from(now.plus(Duration.ofDays(30))), caName, caKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true)), caKeys.getPrivate());
            KeyPair serverKeys = keyPair(keyAlgorithm);
            X509Certificate server = sign(new JcaX509v3CertificateBuilder(ca, serial(), Date.from(now.minusSeconds(60)),
                    Date.from(now.plus(Duration.ofDays(7))), new X500Name("CN=localhost"), serverKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                            new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")})),
                    caKeys.getPrivate());
            var issued = new Issued(dir.resolve("ca.pem"), dir.resolve("cert.pem"), dir.resolve("key.pem"), server);
            Files.writeString(issued.caFile(), pem(ca));
            Files.writeString(issued.certFile(), pem(server, ca));
            Files.writeString(issued.keyFile(), pem(serverKeys, format));
            return issued;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair keyPair(String algorithm) throws Exception {
        var generator = KeyPairGenerator.getInstance(algorithm);
        generator.initialize(algorithm.equals("RSA") ? 2048 : 256);
        return generator.generateKeyPair();
    }

    /** PEM text of objects BouncyCastle's writer knows (certificates; a private key in OpenSSL's traditional form). */
    public static String pem(Object... objects) throws IOException {
        var text = new StringWriter();
        try (var writer = new JcaPEMWriter(text)) {
            for (Object o : objects) writer.writeObject(o);
        }
        return text.toString();
    }

    /** The private key of {@code keys} as PEM; a traditional EC key carries its curve and public key, as OpenSSL writes it. */
    public static String pem(KeyPair keys, KeyFormat format) throws IOException {
        if (format == KeyFormat.PKCS8) return pem(new JcaPKCS8Generator(keys.getPrivate(), null).generate());
        if (keys.getPrivate() instanceof ECPrivateKey ec) {
            var publicKey = SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded());
            var der = new org.bouncycastle.asn1.sec.ECPrivateKey(ec.getParams().getOrder().bitLength(), ec.getS(),
                    publicKey.getPublicKeyData(), publicKey.getAlgorithm().getParameters()).getEncoded();
            return pem(new PemObject("EC PRIVATE KEY", der));
        }
        return pem(keys.getPrivate());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(System.nanoTime());
    }
}
