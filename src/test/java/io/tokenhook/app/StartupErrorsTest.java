package io.tokenhook.app;

import io.tokenhook.store.JdbcStore;
import io.tokenhook.store.MasterKey;
import io.tokenhook.store.MasterKeySource;
import io.tokenhook.support.TestTls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A wrong start-up setting gives one clear line and an exit code, never a stack trace. Runs the real process. */
class StartupErrorsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--db jdbc:mysql://localhost/tokenhook|2|--db takes a PostgreSQL JDBC URL",
            "--db jdbc:postgresql://127.0.0.1:1/tokenhook|1|cannot open database jdbc:postgresql://127.0.0.1:1/tokenhook",
            "--log-retention 3 weeks|2|is not a duration",
            "--issuer ftp://example.com|2|issuer must be an http:// or https:// URL",
            "--token-limit-per-ip 5 per second|2|--token-limit-per-ip: '5 per second' is not a rate",
            "--trusted-proxies proxy.example.com|2|--trusted-proxies takes IP addresses and CIDR ranges"})
    void badSettingGivesOneLineAndExitCode(String args, int exitCode, String message) throws Exception {
        assertOneLineAndExitCode(args, Map.of(), exitCode, message);
    }

    @Test
    void badCryptoProviderGivesOneLineAndExitCode() throws Exception {
        assertOneLineAndExitCode("--tenant t", Map.of("TOKENHOOK_CRYPTO_PROVIDER", "openssl"), 1,
                "TOKENHOOK_CRYPTO_PROVIDER must be auto or jdk, not 'openssl'");
    }

    @Test
    void tlsFilesWhenMissingThenOneLineAndExit1() throws Exception {
        assertOneLineAndExitCode(List.of("--tls-cert", "/no/such/cert.pem", "--tls-key", "/no/such/key.pem"), Map.of(), 1,
                "tokenhook: cannot read TLS certificate /no/such/cert.pem: no such file");
    }

    @Test
    void tlsKeyWhenItBelongsToAnotherCertificateThenOneLineAndExit1() throws Exception {
        Path dir = Files.createTempDirectory("tokenhook-startup-tls");
        var one = TestTls.issue(dir.resolve("one"), "EC", TestTls.KeyFormat.PKCS8);
        var other = TestTls.issue(dir.resolve("other"), "EC", TestTls.KeyFormat.PKCS8);

        assertOneLineAndExitCode(List.of("--tls-cert", one.certFile().toString(), "--tls-key", other.keyFile().toString()), Map.of(), 1,
                "tokenhook: TLS key " + other.keyFile() + " does not match the certificate in " + one.certFile());
    }

    @Test
    void tlsSelfSignedWhenCombinedWithCertificateFilesThenUsageError() throws Exception {
        assertOneLineAndExitCode(List.of("--tls-self-signed", "--tls-cert", "cert.pem", "--tls-key", "key.pem"), Map.of(), 2,
                "tokenhook: --tls-self-signed cannot be combined with --tls-cert or --tls-key");
        assertOneLineAndExitCode(List.of("--tls-cert", "cert.pem"), Map.of("TOKENHOOK_TLS_SELF_SIGNED", "false"), 2,
                "tokenhook: --tls-cert needs --tls-key");
    }

    @Test
    void passwordInTheDatabaseUrlIsMaskedInTheError() throws Exception {
        String out = assertOneLineAndExitCode("--db jdbc:postgresql://127.0.0.1:1/tokenhook?user=tokenhook&password=hunter2-in-the-url",
                Map.of(), 1, "cannot open database jdbc:postgresql://127.0.0.1:1/tokenhook?user=tokenhook&password=****:");
        assertThat(out).doesNotContain("hunter2");
    }

    /** A store whose secrets are sealed, then its key taken away, replaced or exposed to other accounts. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "missing|the store's secrets are sealed under master key",
            "wrong|wrong master key: the store's secrets are sealed under key",
            "exposed|master.key is open to other accounts (mode rw-r--r--)"})
    void masterKeyProblemGivesOneLineAndExitCode(String problem, String message) throws Exception {
        Path dir = Files.createTempDirectory("tokenhook-startup");
        JdbcStore.openSqlite(dir, MasterKeySource.of(Map.of(), dir)).close();
        Path keyFile = dir.resolve("master.key");
        var env = switch (problem) {
            case "missing" -> {
                Files.delete(keyFile);
                yield Map.<String, String>of();
            }
            case "wrong" -> Map.of(MasterKeySource.ENV, MasterKey.generate().toBase64());
            default -> {
                Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));
                yield Map.<String, String>of();
            }
        };
        assertOneLineAndExitCode(dir, List.of("--tenant", "t"), env, 1, message);
    }

    private static String assertOneLineAndExitCode(String args, Map<String, String> env, int exitCode, String message) throws Exception {
        int space = args.indexOf(' ');        // "--option value, possibly with spaces"
        return assertOneLineAndExitCode(List.of(args.substring(0, space), args.substring(space + 1)), env, exitCode, message);
    }

    private static String assertOneLineAndExitCode(List<String> args, Map<String, String> env, int exitCode, String message) throws Exception {
        return assertOneLineAndExitCode(Files.createTempDirectory("tokenhook-startup"), args, env, exitCode, message);
    }

    /** Runs {@code serve} with {@code args} on {@code dir}; returns all it printed. */
    private static String assertOneLineAndExitCode(Path dir, List<String> args, Map<String, String> env, int exitCode, String message) throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var command = new ArrayList<>(List.of(javaBin, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "io.tokenhook.app.Main", "serve", "--port", "0", "--data-dir", dir.toString()));
        command.addAll(args);
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(exitCode);
        var lines = Files.readAllLines(dir.resolve("out.log")).stream()
                .filter(l -> l.startsWith("tokenhook:")).toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).contains(message);
        String all = Files.readString(dir.resolve("out.log"));
        assertThat(all).doesNotContain("\tat ").doesNotContain("Exception");
        return all;
    }
}
