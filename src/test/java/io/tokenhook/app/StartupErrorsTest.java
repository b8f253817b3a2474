package io.tokenhook.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
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
            "--issuer ftp://example.com|2|issuer must be an http:// or https:// URL"})
    void badSettingGivesOneLineAndExitCode(String args, int exitCode, String message) throws Exception {
        assertOneLineAndExitCode(args, Map.of(), exitCode, message);
    }

    @Test
    void badCryptoProviderGivesOneLineAndExitCode() throws Exception {
        assertOneLineAndExitCode("--tenant t", Map.of("TOKENHOOK_CRYPTO_PROVIDER", "openssl"), 1,
                "TOKENHOOK_CRYPTO_PROVIDER must be auto or jdk, not 'openssl'");
    }

    @Test
    void passwordInTheDatabaseUrlIsMaskedInTheError() throws Exception {
        String out = assertOneLineAndExitCode("--db jdbc:postgresql://127.0.0.1:1/tokenhook?user=tokenhook&password=hunter2-in-the-url",
                Map.of(), 1, "cannot open database jdbc:postgresql://127.0.0.1:1/tokenhook?user=tokenhook&password=****:");
        assertThat(out).doesNotContain("hunter2");
    }

    /** Runs {@code serve} with {@code args}; returns all it printed. */
    private static String assertOneLineAndExitCode(String args, Map<String, String> env, int exitCode, String message) throws Exception {
        Path dir = Files.createTempDirectory("tokenhook-startup");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var command = new ArrayList<>(List.of(javaBin, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "io.tokenhook.app.Main", "serve", "--port", "0", "--data-dir", dir.toString()));
        int space = args.indexOf(' ');        // "--option value, possibly with spaces"
        command.add(args.substring(0, space));
        command.add(args.substring(space + 1));
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
