package io.tokenhook.http;

import org.eclipse.jetty.util.ssl.SslContextFactory;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * What the server shows a TLS client: its certificate chain and the private key of the first certificate. The
 * server speaks TLS 1.3 and 1.2 only, with AEAD cipher suites and forward secrecy only.
 */
public final class TlsIdentity {
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<X509Certificate> chain;
    private final PrivateKey key;

    TlsIdentity(List<X509Certificate> chain, PrivateKey key) {
        this.chain = List.copyOf(chain);
        this.key = key;
    }

    /**
     * Reads a PEM certificate chain (the server's certificate first) and its PEM private key (PKCS#8, or OpenSSL's
     * traditional RSA or EC form), and checks that they belong together.
     *
     * @throws IllegalArgumentException with a one-line message when a file is missing, unreadable, not PEM,
     *                                  encrypted, or the key does not match the certificate
     */
    public static TlsIdentity fromPem(Path certificateFile, Path keyFile) {
        List<X509Certificate> chain = Pem.readCertificates(certificateFile);
        PrivateKey key = Pem.readPrivateKey(keyFile);
        if (!matches(key, chain.get(0).getPublicKey())) {
            throw new IllegalArgumentException("TLS key " + keyFile + " does not match the certificate in " + certificateFile
                    + " (the server's own certificate must come first in the file)");
        }
        return new TlsIdentity(chain, key);
    }

    /** The server's own certificate. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    List<X509Certificate> chain() {
        return chain;
    }

    PrivateKey key() {
        return key;
    }

    /** Whether the server's certificate is past its end, or not yet valid, at {@code now}. */
    public boolean outOfDate(Instant now) {
        return now.isAfter(certificate().getNotAfter().toInstant()) || now.isBefore(certificate().getNotBefore().toInstant());
    }

    /** Jetty's server-side TLS settings for this identity (the key store lives in memory only). */
    SslContextFactory.Server sslContextFactory() {
        String password = HexFormat.of().formatHex(randomBytes());
        KeyStore store;
        try {
            store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("tokenhook", key, password.toCharArray(), chain.toArray(X509Certificate[]::new));
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalArgumentException("cannot use the TLS key: " + e.getMessage());
        }
        var factory = new SslContextFactory.Server();
        factory.setKeyStore(store);
        factory.setKeyStorePassword(password);
        factory.setKeyManagerPassword(password);
        factory.setIncludeProtocols(PROTOCOLS);
        // beside Jetty's exclusions (RSA key exchange, SHA-1/MD5 MACs, NULL, anonymous): no CBC, as Mozilla's
        // "intermediate" profile, so TLS 1.2 uses AES-GCM or ChaCha20-Poly1305 with forward secrecy only
        factory.addExcludeCipherSuites("^.*_CBC_.*$");
        factory.setRenegotiationAllowed(false);
        return factory;
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** Whether {@code key} signs what {@code publicKey} verifies: the only check that works for every key type. */
    private static boolean matches(PrivateKey key, PublicKey publicKey) {
        if (!key.getAlgorithm().equals(publicKey.getAlgorithm())) return false;
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "EdDSA", "Ed25519", "Ed448" -> "EdDSA";
            default -> throw new IllegalArgumentException("TLS keys of type " + key.getAlgorithm() + " are not supported (RSA, EC and EdDSA are)");
        };
        try {
            byte[] probe = randomBytes();
            var signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            var verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
