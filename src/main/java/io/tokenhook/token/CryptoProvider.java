package io.tokenhook.token;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import com.amazon.corretto.crypto.provider.SelfTestStatus;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Locale;
import java.util.Optional;

/**
 * Where token signatures are computed, chosen once at start: the Amazon Corretto Crypto Provider (ACCP: AWS-LC,
 * native code inside its jar) when it loads and passes its self-tests, the JDK's providers otherwise, with Tink for
 * Ed25519 because the JDK's own Ed25519 is about ten times slower.
 *
 * <p>ACCP is never installed process-wide ({@code Security.insertProviderAt}): it is handed to the signers only, so
 * TLS, {@code SecureRandom}, the database drivers and every other JCA user keep the JDK's providers, and a server
 * told to use the JDK ({@value #ENV}{@code =jdk}) really does, even in a JVM where another one uses ACCP.
 */
public final class CryptoProvider {
    /** The environment variable that chooses: {@code auto} (the default) or {@code jdk}. */
    public static final String ENV = "TOKENHOOK_CRYPTO_PROVIDER";
    private static final PSSParameterSpec PS256 = new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1);

    private final Provider accp;
    private final String reason;
    private final boolean fellBack;

    private CryptoProvider(Provider accp, String reason, boolean fellBack) {
        this.accp = accp;
        this.reason = reason;
        this.fellBack = fellBack;
    }

    /** Refuses a {@value #ENV} value other than auto or jdk, before anything loads. */
    public static void checkSetting(String setting) {
        normalized(setting);
    }

    /**
     * The provider {@code setting} asks for: {@code null}, blank or {@code auto} for ACCP where it works, {@code jdk}
     * for the JDK's providers. A failed ACCP never fails the start: it falls back to the JDK's.
     *
     * @throws IllegalArgumentException for any other value
     */
    public static CryptoProvider select(String setting) {
        return normalized(setting).equals("jdk") ? jdk(ENV + "=jdk")
                : accp().orElseGet(() -> new CryptoProvider(null, accpFailure(), true));
    }

    /** {@code auto} or {@code jdk}, whatever the case and spacing; anything else is refused. */
    private static String normalized(String setting) {
        String value = setting == null ? "" : setting.trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "", "auto" -> "auto";
            case "jdk" -> "jdk";
            default -> throw new IllegalArgumentException(ENV + " must be auto or jdk, not '" + setting + "'");
        };
    }

    /** The JDK's providers (Tink for Ed25519), for {@code reason}. */
    public static CryptoProvider jdk(String reason) {
        return new CryptoProvider(null, reason, false);
    }

    /** ACCP, if its native library loaded on this platform and its self-tests pass. */
    public static Optional<CryptoProvider> accp() {
        return loadAccp().map(p -> new CryptoProvider(p, p.getVersionStr() + " (" + p.getAwsLcVersionStr()
                + "): its native library loaded and passed its self-tests", false));
    }

    private static Optional<AmazonCorrettoCryptoProvider> loadAccp() {
        try {
            var p = AmazonCorrettoCryptoProvider.INSTANCE;
            // ACCP advises checking its health and falling back rather than assertHealthy()'s exception
            if (p.getLoadingError() == null && p.runSelfTests() == SelfTestStatus.PASSED) return Optional.of(p);
            return Optional.empty();
        } catch (LinkageError | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String accpFailure() {
        try {
            var p = AmazonCorrettoCryptoProvider.INSTANCE;
            Throwable error = p.getLoadingError();
            if (error != null) return "the Amazon Corretto Crypto Provider did not load on " + platform() + ": " + error;
            return "the Amazon Corretto Crypto Provider failed its self-tests (" + p.getSelfTestStatus() + ")";
        } catch (LinkageError | RuntimeException e) {
            return "the Amazon Corretto Crypto Provider is not usable on " + platform() + ": " + e;
        }
    }

    private static String platform() {
        return System.getProperty("os.name") + "/" + System.getProperty("os.arch");
    }

    /** {@code ACCP} or {@code JDK}: the label of the log line and of the metric. */
    public String name() {
        return accp != null ? "ACCP" : "JDK";
    }

    /** ACCP, for generating RSA and EC key pairs natively; empty when the JDK's providers are in use. */
    Optional<Provider> keyPairProvider() {
        return Optional.ofNullable(accp);
    }

    /** Why this provider signs, for the start-up log line. */
    public String reason() {
        return reason;
    }

    /** Whether ACCP was wanted but could not be used. */
    public boolean fellBack() {
        return fellBack;
    }

    @Override
    public String toString() {
        return name();
    }

    /**
     * The signer of {@code alg} with the private key {@code jwk}. It holds the parsed key and reuses initialised
     * {@link java.security.Signature} objects, so signing neither parses nor converts a key.
     */
    JWSSigner signer(String alg, JWK jwk) throws JOSEException {
        try {
            return switch (alg) {
                case "RS256" -> new JcaSigner(JWSAlgorithm.RS256, "SHA256withRSA", null, rsa(jwk).toRSAPrivateKey(), accp);
                case "PS256" -> new JcaSigner(JWSAlgorithm.PS256, "RSASSA-PSS", PS256, rsa(jwk).toRSAPrivateKey(), accp);
                // P1363 is JOSE's r||s form, so the signature needs no transcoding from DER
                case "ES256" -> new JcaSigner(JWSAlgorithm.ES256, "SHA256withECDSAinP1363Format", null, ec(jwk).toECPrivateKey(), accp);
                case "EdDSA" -> accp != null
                        ? new JcaSigner(JWSAlgorithm.EdDSA, "Ed25519", null, ed25519PrivateKey(okp(jwk)), accp)
                        : new Ed25519Signer(okp(jwk));
                default -> throw new JOSEException("no signer for algorithm " + alg);
            };
        } catch (GeneralSecurityException e) {
            throw new JOSEException("cannot use the " + alg + " key " + jwk.getKeyID() + ": " + e.getMessage(), e);
        }
    }

    /** The HS256 signer of {@code secret}. */
    JWSSigner macSigner(byte[] secret) throws JOSEException {
        var signer = new MACSigner(secret);
        signer.getJCAContext().setProvider(accp);
        return signer;
    }

    private static RSAKey rsa(JWK jwk) throws JOSEException {
        if (jwk instanceof RSAKey rsa && rsa.isPrivate()) return rsa;
        throw new JOSEException("not an RSA private key: " + jwk.getKeyID());
    }

    private static ECKey ec(JWK jwk) throws JOSEException {
        if (jwk instanceof ECKey ec && ec.isPrivate() && Curve.P_256.equals(ec.getCurve())) return ec;
        throw new JOSEException("not a P-256 private key: " + jwk.getKeyID());
    }

    private static OctetKeyPair okp(JWK jwk) throws JOSEException {
        if (jwk instanceof OctetKeyPair okp && okp.isPrivate() && Curve.Ed25519.equals(okp.getCurve())) return okp;
        throw new JOSEException("not an Ed25519 private key: " + jwk.getKeyID());
    }

    /** The JDK's Ed25519 key object of the OKP's seed {@code d}; ACCP's Signature accepts it. */
    private static PrivateKey ed25519PrivateKey(OctetKeyPair okp) throws GeneralSecurityException {
        return KeyFactory.getInstance("Ed25519")
                .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, okp.getDecodedD()));
    }
}
