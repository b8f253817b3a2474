package io.tokenhook.cli;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;

/**
 * TLS trust for the CLI: the JDK's trust store (which {@code -Djavax.net.ssl.trustStore} replaces, as for any Java
 * program) plus the CA certificates of a PEM file, as {@code NODE_EXTRA_CA_CERTS} does for Node.js.
 */
final class CaTrust {
    private CaTrust() {}

    /** A TLS context trusting the JDK's CAs and those in {@code caFile}; a usage error when the file is unusable. */
    static SSLContext sslContext(Path caFile) {
        Collection<? extends Certificate> extra = read(caFile);
        try {
            var store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (X509Certificate c : jdkTrustManager().getAcceptedIssuers()) store.setCertificateEntry("jdk-" + i++, c);
            for (Certificate c : extra) store.setCertificateEntry("ca-file-" + i++, c);
            var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            var context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw CliException.failure("cannot set up TLS with " + caFile + ": " + e.getMessage());
        }
    }

    private static X509TrustManager jdkTrustManager() throws GeneralSecurityException {
        var factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        return Arrays.stream(factory.getTrustManagers()).filter(X509TrustManager.class::isInstance)
                .map(X509TrustManager.class::cast).findFirst()
                .orElseThrow(() -> new GeneralSecurityException("the JDK has no X.509 trust manager"));
    }

    private static Collection<? extends Certificate> read(Path caFile) {
        try (InputStream in = Files.newInputStream(caFile)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) throw new CertificateException("no certificate in it");
            return certificates;
        } catch (NoSuchFileException e) {
            throw CliException.usage("cannot read CA file " + caFile + ": no such file");
        } catch (AccessDeniedException e) {
            throw CliException.usage("cannot read CA file " + caFile + ": permission denied");
        } catch (IOException | CertificateException e) {
            throw CliException.usage("CA file " + caFile + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
    }
}
