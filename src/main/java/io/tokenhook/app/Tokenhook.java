package io.tokenhook.app;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tokenhook.dashboard.Dashboard;
import io.tokenhook.dashboard.Sessions;
import io.tokenhook.events.EventLog;
import io.tokenhook.hooks.DeferredHookRunner;
import io.tokenhook.hooks.GraalHookRunner;
import io.tokenhook.hooks.HookRunner;
import io.tokenhook.hooks.HookRuntimeConfig;
import io.tokenhook.tenant.Hook;
import io.tokenhook.http.AbuseLimits;
import io.tokenhook.http.HttpServer;
import io.tokenhook.http.TlsIdentity;
import io.tokenhook.management.Changes;
import io.tokenhook.management.ManagementApi;
import io.tokenhook.management.ManagementAuth;
import io.tokenhook.oauth.OAuthError;
import io.tokenhook.oauth.TokenEndpoint;
import io.tokenhook.store.JdbcStore;
import io.tokenhook.store.MasterKeySource;
import io.tokenhook.store.SnapshotHolder;
import io.tokenhook.store.Store;
import io.tokenhook.token.AccessTokenVerifier;
import io.tokenhook.token.CryptoProvider;
import io.tokenhook.token.KeySchedule;
import io.tokenhook.token.TokenIssuer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** The composition root: builds every part from a {@link Config}, starts the server, and stops it in order. */
public final class Tokenhook implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Tokenhook.class);

    private final Store store;
    private final EventLog events;
    private final HttpServer http;
    private final HookRunner hooks;
    private final ManagementApi management;
    private final SnapshotHolder snapshots;
    private final KeySchedule keySchedule;

    private Tokenhook(Store store, EventLog events, HttpServer http, HookRunner hooks, ManagementApi management,
                      SnapshotHolder snapshots, KeySchedule keySchedule) {
        this.keySchedule = keySchedule;
        this.snapshots = snapshots;
        this.store = store;
        this.events = events;
        this.http = http;
        this.hooks = hooks;
        this.management = management;
    }

    public static Tokenhook start(Config config, Map<String, String> env, PrintStream out) {
        InstantSource clock = InstantSource.system();
        var metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmGcMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        new ProcessorMetrics().bindTo(metrics);
        new UptimeMetrics().bindTo(metrics);
        // a bad setting stops the start before anything is opened; a failed ACCP only falls back
        CryptoProvider.checkSetting(env.get(CryptoProvider.ENV));
        TlsIdentity tls = TlsSetup.load(config, clock.instant(), out);
        // loading ACCP (its self-tests) takes a good part of a second: it loads on the other core while this one
        // opens the store and bootstraps, so the first token comes sooner. The hook engine (a second of CPU) waits.
        var cryptoLoading = CompletableFuture.supplyAsync(() -> CryptoProvider.select(env.get(CryptoProvider.ENV)));
        var hooks = new DeferredHookRunner(() -> new GraalHookRunner(HookRuntimeConfig.forDataDir(config.dataDir())
                .withDeadline(config.hookTimeout()).withWarmupCalls(config.hookWarmupCalls()), metrics));

        Store store;
        try {
            store = openStore(config, env);
        } catch (RuntimeException e) {
            hooks.close();
            throw e;
        }
        EventLog events = null;
        SnapshotHolder snapshots = null;
        KeySchedule keySchedule = null;
        try {
            // printed and saved before anything else can fail, so generated credentials are never lost
            // ACCP first: on a first start it makes the RSA key natively instead of the JDK on a cold JVM
            CryptoProvider crypto = joined(cryptoLoading);
            Bootstrap.announce(Bootstrap.run(store, config, env, clock.instant(), crypto), config, out);

            announce(crypto, metrics);
            var issuer = new TokenIssuer(config.issuer(), clock, crypto);
            snapshots = new SnapshotHolder(store);
            keySchedule = new KeySchedule(issuer, clock);
            var keys = keySchedule;
            snapshots.onChange(s -> keys.use(s.signingKeys()));
            snapshots.refresh();
            // the hook engine loads once the server listens, unless an enabled hook may run from the first request
            if (snapshots.get().enabledHook(Hook.CREDENTIALS_EXCHANGE).isPresent()) hooks.load();
            // a local write refreshes at once; other nodes' changes come by NOTIFY, or by the version check
            snapshots.watch(config.configCheckInterval());

            events = new EventLog(store, clock, metrics, config.eventQueueCapacity(), config.logRetention());
            var limits = new AbuseLimits(config.limits(), clock, metrics);
            var tokenEndpoint = new TokenEndpoint(snapshots, issuer, hooks, events, config.tenant(),
                    config.managementAudience(), metrics, limits.tokenEndpoint());
            var verifier = new AccessTokenVerifier(config.issuer(), issuer::keys, clock);
            var sessions = new Sessions(store, clock, sessionIdleTimeout(env), Bootstrap.MANAGEMENT_SCOPES,
                    config.issuer().startsWith("https://") || tls != null);
            var changes = new Changes(store, snapshots, events);
            var management = new ManagementApi(new ManagementAuth(verifier, config.managementAudience(), sessions),
                    changes, events, hooks, config.tenant(), clock, config.keyActivationDelay(), limits.managementApi());
            if (config.keyRotationPeriod() != null) management.rotateKeysEvery(config.keyRotationPeriod());
            var dashboard = new Dashboard(store, sessions, management, changes, testExchange(tokenEndpoint), clock);
            var http = new HttpServer(config.host(), config.port(), tokenEndpoint, issuer, management, dashboard, snapshots,
                    metrics, tls, limits).start();
            LOG.info("Tokenhook listening on {} port {}; issuer {}; store {}", tls == null ? "HTTP" : "HTTPS", http.port(), config.issuer(),
                    config.dbUrl() == null ? config.dataDir().resolve("tokenhook.db").toAbsolutePath() : "PostgreSQL");
            hooks.load();
            return new Tokenhook(store, events, http, hooks, management, snapshots, keySchedule);
        } catch (RuntimeException e) {
            if (snapshots != null) snapshots.close();
            if (keySchedule != null) keySchedule.close();
            hooks.close();
            if (events != null) events.close();
            store.close();
            throw e;
        }
    }

    /**
     * One log line naming the provider that signs tokens and why, and the gauge
     * {@code tokenhook_crypto_provider_info{provider="ACCP"|"JDK"} 1}.
     */
    private static void announce(CryptoProvider crypto, MeterRegistry metrics) {
        if (crypto.fellBack()) {
            LOG.warn("signing with the JDK's providers (Ed25519 with Tink): {}", crypto.reason());
        } else if (crypto.name().equals("ACCP")) {
            LOG.info("signing with the Amazon Corretto Crypto Provider (ACCP) {}; {}=jdk turns it off", crypto.reason(),
                    CryptoProvider.ENV);
        } else {
            LOG.info("signing with the JDK's providers (Ed25519 with Tink): {}", crypto.reason());
        }
        Gauge.builder("tokenhook.crypto.provider.info", () -> 1)
                .description("The provider that computes token signatures: ACCP (native) or JDK")
                .tag("provider", crypto.name())
                .register(metrics);
    }

    /** The value of a start-up task, with the task's own exception when it failed. */
    private static <T> T joined(CompletableFuture<T> task) {
        try {
            return task.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw e;
        }
    }

    /** {@code TOKENHOOK_SESSION_IDLE_TIMEOUT}: how long an unused dashboard session lasts (default 30 minutes). */
    private static Duration sessionIdleTimeout(Map<String, String> env) {
        String value = env.get("TOKENHOOK_SESSION_IDLE_TIMEOUT");
        return value == null || value.isBlank() ? Duration.ofMinutes(30) : Durations.parse(value);
    }

    /** The dashboard's test exchange: the token endpoint's answer, a refusal included, as status and body. */
    private static Dashboard.TokenExchange testExchange(TokenEndpoint endpoint) {
        return (clientId, audience, scope, ip, userAgent, actor) -> {
            try {
                return new Dashboard.TokenExchange.Response(200,
                        endpoint.exchangeOnBehalf(clientId, audience, scope, ip, userAgent, actor));
            } catch (OAuthError e) {
                return new Dashboard.TokenExchange.Response(e.status(), e.body());
            }
        };
    }

    private static Store openStore(Config config, Map<String, String> env) {
        var store = openStore(config.dataDir(), config.dbUrl(), env);
        LOG.info("secrets at rest sealed under master key {} from {}", store.masterKeyId(),
                MasterKeySource.of(env, config.dataDir()).where());
        return store;
    }

    /** The store of {@code serve} and {@code rotate-master-key}: PostgreSQL at {@code dbUrl}, or SQLite in {@code dataDir}. */
    static JdbcStore openStore(Path dataDir, String dbUrl, Map<String, String> env) {
        try {
            // also with PostgreSQL: generated credentials, the master key file and hook modules live there
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot create data directory " + dataDir + ": " + e.getMessage());
        }
        var masterKey = MasterKeySource.of(env, dataDir);
        if (dbUrl != null && !dbUrl.isBlank()) {
            return JdbcStore.openPostgres(dbUrl, env.get("TOKENHOOK_DB_USER"), env.get("TOKENHOOK_DB_PASSWORD"), masterKey);
        }
        return JdbcStore.openSqlite(dataDir, masterKey);
    }

    public int port() {
        return http.port();
    }

    /** Stops taking requests, finishes in-flight ones, flushes the log, closes the store. */
    @Override
    public void close() {
        management.stop();
        http.stop();
        if (hooks instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("closing hooks: {}", e.getMessage());
            }
        }
        snapshots.close();
        keySchedule.close();
        events.close();
        store.close();
        LOG.info("Tokenhook stopped");
    }
}
