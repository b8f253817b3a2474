package io.tokenhook.app;

import io.tokenhook.cli.Cli;
import io.tokenhook.cli.CliEnvironment;
import io.tokenhook.store.StoreUnavailableException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code tokenhook}: the server and, as subcommands, its command-line client. */
@Command(name = "tokenhook", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Self-hosted OAuth 2.0 client-credentials server with JavaScript hooks.",
        subcommands = {Main.Serve.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return commandLine(CliEnvironment.system());
    }

    /** {@code serve} plus the CLI's commands, which read their environment from {@code env} (tests pass their own). */
    public static CommandLine commandLine(CliEnvironment env) {
        var root = new CommandLine(new Main())
                .addSubcommand(new CommandLine(new RotateMasterKeyCommand(System.getenv(), System.out, System.err)));
        return Cli.install(root, env);
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    @Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the authorization server.")
    static final class Serve implements Callable<Integer> {
        @Option(names = "--host", defaultValue = "${env:TOKENHOOK_HOST:-0.0.0.0}", description = "Interface to listen on (TOKENHOOK_HOST, default ${DEFAULT-VALUE}).")
        String host;

        @Option(names = "--port", defaultValue = "${env:TOKENHOOK_PORT:-8080}", description = "Port of HTTP, or of HTTPS under TLS (TOKENHOOK_PORT, default ${DEFAULT-VALUE}).")
        int port;

        @Option(names = "--data-dir", defaultValue = "${env:TOKENHOOK_DATA_DIR:-./data}", description = "Directory of the embedded store and generated files (TOKENHOOK_DATA_DIR, default ${DEFAULT-VALUE}).")
        Path dataDir;

        @Option(names = "--issuer", defaultValue = "${env:TOKENHOOK_ISSUER}", description = "Token issuer URL (TOKENHOOK_ISSUER, default http://localhost:PORT/, https:// under TLS).")
        String issuer;

        @Option(names = "--db", defaultValue = "${env:TOKENHOOK_DB_URL}", description = "PostgreSQL JDBC URL instead of the embedded SQLite store (TOKENHOOK_DB_URL).")
        String db;

        @Option(names = "--tenant", defaultValue = "${env:TOKENHOOK_TENANT:-default}", description = "Tenant name shown to hooks (TOKENHOOK_TENANT, default ${DEFAULT-VALUE}).")
        String tenant;

        @Option(names = "--log-retention", defaultValue = "${env:TOKENHOOK_LOG_RETENTION:-30d}", description = "How long log events are kept (TOKENHOOK_LOG_RETENTION, default ${DEFAULT-VALUE}).")
        String logRetention;

        @Option(names = "--hook-timeout", defaultValue = "${env:TOKENHOOK_HOOK_TIMEOUT:-20s}", description = "Deadline of one hook run, e.g. 500ms or 3s (TOKENHOOK_HOOK_TIMEOUT, default ${DEFAULT-VALUE}).")
        String hookTimeout;

        @Option(names = "--key-activation-delay", defaultValue = "${env:TOKENHOOK_KEY_ACTIVATION_DELAY:-5s}", description = "How long after a rotation the new signing keys start signing on every node, at least 1s (TOKENHOOK_KEY_ACTIVATION_DELAY, default ${DEFAULT-VALUE}).")
        String keyActivationDelay;

        @Option(names = "--key-rotation-period", defaultValue = "${env:TOKENHOOK_KEY_ROTATION_PERIOD:-off}", description = "Rotate the signing keys automatically after each has signed this long, e.g. 30d (TOKENHOOK_KEY_ROTATION_PERIOD, default ${DEFAULT-VALUE}).")
        String keyRotationPeriod;

        @Option(names = "--tls-cert", paramLabel = "FILE", defaultValue = "${env:TOKENHOOK_TLS_CERT}", description = "Serve HTTPS with this PEM certificate chain, the server's certificate first (TOKENHOOK_TLS_CERT).")
        String tlsCert;

        @Option(names = "--tls-key", paramLabel = "FILE", defaultValue = "${env:TOKENHOOK_TLS_KEY}", description = "The PEM private key of --tls-cert: PKCS#8 or traditional RSA/EC, unencrypted (TOKENHOOK_TLS_KEY).")
        String tlsKey;

        @Option(names = "--tls-self-signed", defaultValue = "${env:TOKENHOOK_TLS_SELF_SIGNED:-false}", description = "Serve HTTPS with a certificate for localhost, 127.0.0.1 and ::1 from a local CA kept in the data directory; clients trust its ca.pem (TOKENHOOK_TLS_SELF_SIGNED).")
        boolean tlsSelfSigned;

        @Mixin
        LimitOptions limits;

        @Override
        public Integer call() throws InterruptedException {
            Config config;
            try {
                config = new Config(host, port, dataDir, issuer, db, tenant, Durations.parse(logRetention),
                        Durations.parse(hookTimeout), 100_000, Config.DEFAULT_HOOK_WARMUP_CALLS,
                        Config.DEFAULT_CONFIG_CHECK_INTERVAL, Durations.parse(keyActivationDelay),
                        keyRotationPeriod.equals("off") ? null : Durations.parse(keyRotationPeriod),
                        new Config.Tls(path(tlsCert), path(tlsKey), tlsSelfSigned), limits.toLimits());
            } catch (IllegalArgumentException e) {
                System.err.println("tokenhook: " + e.getMessage());
                return 2;
            }
            Tokenhook server;
            try {
                server = Tokenhook.start(config, System.getenv(), System.out);
            } catch (StoreUnavailableException | IllegalArgumentException e) {
                System.err.println("tokenhook: " + e.getMessage());
                return 1;
            } catch (RuntimeException e) {
                System.err.println("tokenhook: cannot start: " + rootMessage(e));
                return 1;
            }
            var stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                stopped.countDown();
            }, "tokenhook-shutdown"));
            stopped.await();
            return 0;
        }

        private static Path path(String value) {
            return value == null || value.isBlank() ? null : Path.of(value);
        }

        private static String rootMessage(Throwable e) {
            while (e.getCause() != null) e = e.getCause();
            return e.getMessage();
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"tokenhook " + (v == null ? "dev" : v)};
        }
    }
}
