package io.tokenhook.http;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * PEM files for TLS: certificate chains, and private keys as PKCS#8 ({@code PRIVATE KEY}) or in OpenSSL's
 * "traditional" forms ({@code RSA PRIVATE KEY}, {@code EC PRIVATE KEY}). Blocks of other types are skipped, so one
 * file holding both the chain and the key serves as either. Every failure is an {@link IllegalArgumentException}
 * with a one-line message naming the file.
 */
final class Pem {
    private Pem() {}

    /** The certificates of {@code file} in their order: the server's first, then the chain towards the root. */
    static List<X509Certificate> readCertificates(Path file) {
        var converter = new JcaX509CertificateConverter();
        var certificates = new ArrayList<X509Certificate>();
        try (var parser = new PEMParser(new StringReader(read(file, "certificate")))) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                if (o instanceof X509CertificateHolder holder) certificates.add(converter.getCertificate(holder));
            }
        } catch (IOException | CertificateException e) {
            throw new IllegalArgumentException("TLS certificate " + file + " is not valid PEM: " + e.getMessage());
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("TLS certificate " + file + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        return certificates;
    }

    /** The first private key of {@code file}; encrypted keys are refused with a hint on how to decrypt them. */
    static PrivateKey readPrivateKey(Path file) {
        var converter = new JcaPEMKeyConverter();
        try (var parser = new PEMParser(new StringReader(read(file, "key")))) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                if (o instanceof PrivateKeyInfo info) return converter.getPrivateKey(info);
                // the public half of a traditional EC key is optional (RFC 5915): read the private half only
                if (o instanceof PEMKeyPair pair) return converter.getPrivateKey(pair.getPrivateKeyInfo());
                if (o instanceof PKCS8EncryptedPrivateKeyInfo || o instanceof PEMEncryptedKeyPair) {
                    throw new IllegalArgumentException("TLS key " + file + " is encrypted; Tokenhook reads unencrypted keys "
                            + "only (openssl pkey -in " + file + " -out key.pem writes one, mode 0600)");
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("TLS key " + file + " is not valid PEM: " + e.getMessage());
        }
        throw new IllegalArgumentException("TLS key " + file + " holds no PEM private key (-----BEGIN PRIVATE KEY-----)");
    }

    /** Writes the certificates (public) to {@code file}, replacing it in one step. */
    static void writeCertificates(Path file, List<X509Certificate> certificates) {
        var text = new StringWriter();
        try (var writer = new JcaPEMWriter(text)) {
            for (X509Certificate c : certificates) writer.writeObject(c);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        replace(file, text.toString(), "rw-r--r--");
    }

    /** Writes the key as PKCS#8 to {@code file} with mode 0600 (set before the key is written), replacing it in one step. */
    static void writePrivateKey(Path file, PrivateKey key) {
        var text = new StringWriter();
        try (var writer = new JcaPEMWriter(text)) {
            writer.writeObject(new JcaPKCS8Generator(key, null));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        replace(file, text.toString(), "rw-------");
    }

    private static String read(Path file, String what) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("cannot read TLS " + what + " " + file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new IllegalArgumentException("cannot read TLS " + what + " " + file + ": permission denied");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read TLS " + what + " " + file + ": " + e.getMessage());
        }
    }

    private static void replace(Path file, String content, String mode) {
        try {
            Path tmp;
            try {
                tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(mode)));
            } catch (UnsupportedOperationException e) {
                tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp"); // not POSIX: the directory protects it
            }
            Files.writeString(tmp, content, StandardCharsets.US_ASCII);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write " + file + ": " + e.getMessage());
        }
    }
}
