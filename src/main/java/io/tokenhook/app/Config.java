package io.tokenhook.app;

import io.tokenhook.http.Limits;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Server settings, from flags or their environment variables.
 *
 * @param issuer    the {@code iss} of every token, with a trailing slash
 * @param dbUrl     a PostgreSQL JDBC URL, or null for the embedded SQLite store in {@code dataDir}
 * @param tenant    the tenant name hooks see as {@code client.tenant} / {@code event.tenant.id}
 * @param hookWarmupCalls synthetic hook calls at start, per hook style, so the JIT has compiled the runtime
 *                        before the first exchange
 * @param configCheckInterval how often a node compares its snapshot with the store's configuration version
 *                        (the fallback behind PostgreSQL's change notifications)
 * @param keyActivationDelay how long after a rotation the new keys start signing: longer than a change takes to
 *                        reach every node, so all of them switch at the same instant
 * @param keyRotationPeriod how long a key signs before it is rotated automatically; null for never
 * @param tls       plain HTTP, or HTTPS with which certificate; the default issuer follows it
 * @param limits    request rates, the authentication back-off and connection limits; null for the defaults
 */
public record Config(
        String host,
        int port,
        Path dataDir,
        String issuer,
        String dbUrl,
        String tenant,
        Duration logRetention,
        Duration hookTimeout,
        int eventQueueCapacity,
        int hookWarmupCalls,
        Duration configCheckInterval,
        Duration keyActivationDelay,
        Duration keyRotationPeriod,
        Tls tls,
        Limits limits) {

    public Config {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be between 0 and 65535");
        if (tls == null) tls = Tls.NONE;
        if (issuer == null || issuer.isBlank()) issuer = (tls.enabled() ? "https" : "http") + "://localhost:" + port + "/";
        if (!issuer.endsWith("/")) issuer = issuer + "/";
        if (!issuer.startsWith("http://") && !issuer.startsWith("https://")) {
            throw new IllegalArgumentException("issuer must be an http:// or https:// URL");
        }
        if (tenant == null || tenant.isBlank()) tenant = "default";
        if (dbUrl != null && dbUrl.isBlank()) dbUrl = null;
        if (dbUrl != null && !dbUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("--db takes a PostgreSQL JDBC URL (jdbc:postgresql://HOST:PORT/DB); leave it out for the embedded SQLite store");
        }
        if (dataDir != null) dataDir = dataDir.toAbsolutePath().normalize();
        if (keyActivationDelay == null) keyActivationDelay = DEFAULT_KEY_ACTIVATION_DELAY;
        if (keyActivationDelay.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("--key-activation-delay must be at least 1s, the time a change takes to reach every node");
        }
        if (keyRotationPeriod != null && keyRotationPeriod.compareTo(keyActivationDelay) <= 0) {
            throw new IllegalArgumentException("--key-rotation-period must be longer than --key-activation-delay");
        }
        if (limits == null) limits = Limits.DEFAULTS;
    }

    /** With the default {@link Limits}. */
    public Config(String host, int port, Path dataDir, String issuer, String dbUrl, String tenant, Duration logRetention,
                  Duration hookTimeout, int eventQueueCapacity, int hookWarmupCalls, Duration configCheckInterval,
                  Duration keyActivationDelay, Duration keyRotationPeriod, Tls tls) {
        this(host, port, dataDir, issuer, dbUrl, tenant, logRetention, hookTimeout, eventQueueCapacity, hookWarmupCalls,
                configCheckInterval, keyActivationDelay, keyRotationPeriod, tls, Limits.DEFAULTS);
    }

    /**
     * How the server listens: plain HTTP; HTTPS with the operator's PEM certificate chain and key
     * ({@code --tls-cert}, {@code --tls-key}); or HTTPS with a certificate of the local CA that the server keeps in
     * its data directory ({@code --tls-self-signed}).
     */
    public record Tls(Path certFile, Path keyFile, boolean selfSigned) {
        public static final Tls NONE = new Tls(null, null, false);

        public Tls {
            if (selfSigned && (certFile != null || keyFile != null)) {
                throw new IllegalArgumentException("--tls-self-signed cannot be combined with --tls-cert or --tls-key");
            }
            if (certFile == null && keyFile != null) throw new IllegalArgumentException("--tls-key needs --tls-cert");
            if (certFile != null && keyFile == null) throw new IllegalArgumentException("--tls-cert needs --tls-key");
        }

        public boolean enabled() {
            return selfSigned || certFile != null;
        }
    }

    public static final Duration DEFAULT_KEY_ACTIVATION_DELAY = Duration.ofSeconds(5);

    public static final Duration DEFAULT_CONFIG_CHECK_INTERVAL = Duration.ofMillis(500);

    /** Synthetic hook calls made at start by default; tests use far fewer. */
    public static final int DEFAULT_HOOK_WARMUP_CALLS = 3_000;

    /** The Management API's audience: {@code {issuer}api/v2/}. */
    public String managementAudience() {
        return issuer + "api/v2/";
    }
}
