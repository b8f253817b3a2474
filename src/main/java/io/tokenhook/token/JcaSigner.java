package io.tokenhook.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * A JWS signer over {@link Signature} objects that are initialised once with the key and then reused.
 *
 * <p>Nimbus's signers call {@code Signature.getInstance} and {@code initSign} for every token. With the JDK's
 * providers that is cheap; ACCP converts the key into a native one on every {@code initSign} of a new object (for
 * an RSA key that costs several signatures). A {@code Signature} keeps its key after {@code sign()}, so each object
 * here is converted once and then only signs. Objects are not thread-safe: a thread takes one from the pool and
 * puts it back; when the pool is empty it makes another, and the pool keeps at most {@link #POOLED}.
 */
final class JcaSigner implements JWSSigner {
    static final int POOLED = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());

    private final JWSAlgorithm alg;
    private final String jcaName;
    private final AlgorithmParameterSpec params;
    private final PrivateKey key;
    private final Provider provider;
    private final ArrayBlockingQueue<Signature> pool = new ArrayBlockingQueue<>(POOLED);
    private final JCAContext jcaContext;

    /**
     * @param jcaName  the JCA signature algorithm, whose output is already the JWS signature
     * @param params   its parameters (RSASSA-PSS), or null
     * @param provider the provider, or null for the JDK's
     * @throws GeneralSecurityException if the provider lacks the algorithm or refuses the key: found here, at
     *                                  key-loading time, not at the first token
     */
    JcaSigner(JWSAlgorithm alg, String jcaName, AlgorithmParameterSpec params, PrivateKey key, Provider provider)
            throws GeneralSecurityException {
        this.alg = alg;
        this.jcaName = jcaName;
        this.params = params;
        this.key = key;
        this.provider = provider;
        this.jcaContext = new JCAContext(provider, null);
        pool.offer(newSignature());
    }

    private Signature newSignature() throws GeneralSecurityException {
        Signature s = provider != null ? Signature.getInstance(jcaName, provider) : Signature.getInstance(jcaName);
        if (params != null) s.setParameter(params);
        s.initSign(key);
        return s;
    }

    @Override
    public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
        if (!alg.equals(header.getAlgorithm())) {
            throw new JOSEException("this signer signs " + alg + ", not " + header.getAlgorithm());
        }
        Signature s = pool.poll();
        try {
            if (s == null) s = newSignature();
            s.update(signingInput);
            byte[] signature = s.sign();
            pool.offer(s); // dropped when the pool is full
            return new Base64URL(TokenIssuer.BASE64URL.encodeToString(signature));
        } catch (GeneralSecurityException e) {
            // an object that failed is not put back: its state is unknown
            throw new JOSEException(alg + " signing failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
        return Set.of(alg);
    }

    @Override
    public JCAContext getJCAContext() {
        return jcaContext;
    }

    @Override
    public String toString() {
        return alg + " via " + (provider != null ? provider.getName() : "the JDK's providers");
    }
}
