package io.tokenhook.app;

import io.tokenhook.http.LocalCa;
import io.tokenhook.http.TlsIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.time.Instant;

/** The listener's certificate from {@link Config.Tls}: the operator's PEM files, the local CA's, or none. */
final class TlsSetup {
    private static final Logger LOG = LoggerFactory.getLogger(TlsSetup.class);

    private TlsSetup() {}

    /**
     * The identity to serve HTTPS with, or null for plain HTTP. Under {@code --tls-self-signed} the CA's path is
     * printed on {@code out} at every start, with how clients trust it.
     *
     * @throws IllegalArgumentException with a one-line message when the files cannot be used
     */
    static TlsIdentity load(Config config, Instant now, PrintStream out) {
        Config.Tls tls = config.tls();
        if (tls.selfSigned()) {
            LocalCa.Issued issued = LocalCa.serverIdentity(config.dataDir(), now);
            announce(issued, out);
            log(issued.identity(), issued.certificateIssued() ? "issued now by the local CA" : "from the local CA");
            return issued.identity();
        }
        if (tls.certFile() == null) return null;
        TlsIdentity identity = TlsIdentity.fromPem(tls.certFile(), tls.keyFile());
        if (identity.outOfDate(now)) {
            LOG.warn("the TLS certificate {} is not valid now (valid from {} to {}): clients will refuse it", tls.certFile(),
                    identity.certificate().getNotBefore().toInstant(), identity.certificate().getNotAfter().toInstant());
        }
        log(identity, "from " + tls.certFile());
        return identity;
    }

    private static void log(TlsIdentity identity, String source) {
        LOG.info("HTTPS (TLS 1.3, 1.2) with the certificate {} {}, valid until {}",
                identity.certificate().getSubjectX500Principal().getName(), source, identity.certificate().getNotAfter().toInstant());
    }

    private static void announce(LocalCa.Issued issued, PrintStream out) {
        String ca = issued.caFile().toString();
        out.println();
        out.println("Tokenhook HTTPS with a self-signed local CA" + (issued.caCreated() ? " (created now)" : "") + ":");
        out.println("  CA certificate: " + ca);
        out.println("  trust it with:  curl --cacert " + ca + " | NODE_EXTRA_CA_CERTS=" + ca + " | tokenhook login --ca-file " + ca);
        out.println();
    }
}
