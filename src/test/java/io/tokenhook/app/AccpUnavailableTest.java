package io.tokenhook.app;

import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where ACCP's native library does not load (another platform, a noexec temporary directory), the server still
 * starts, on the JDK's providers, and says why. ACCP's own switch to skip its bundled library stands in for such a
 * platform. Runs the real process.
 */
class AccpUnavailableTest {

    @Test
    void aFailedNativeLoadFallsBackToTheJdkWithOneWarningAndTheMetric() throws Exception {
        Path dir = Files.createTempDirectory("tokenhook-no-accp");
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var command = List.of(javaBin, "--enable-native-access=ALL-UNNAMED",
                "-Dcom.amazon.corretto.crypto.provider.useExternalLib=true", "-Djava.library.path=" + dir,
                "-cp", System.getProperty("java.class.path"), "io.tokenhook.app.Main", "serve", "--host", "127.0.0.1",
                "--port", String.valueOf(port), "--data-dir", dir.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile()).start();
        try {
            var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            String metrics = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (metrics == null) {
                assertThat(process.isAlive()).as("server running; log:%n%s", Files.readString(dir.resolve("out.log"))).isTrue();
                assertThat(System.nanoTime()).as("server up in time").isLessThan(deadline);
                try {
                    var r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) metrics = r.body();
                } catch (java.io.IOException notYet) {
                    Thread.sleep(250);
                }
            }
            assertThat(metrics).contains("tokenhook_crypto_provider_info{provider=\"JDK\"} 1");
            var lines = Files.readAllLines(dir.resolve("out.log")).stream().filter(l -> l.contains("signing with")).toList();
            assertThat(lines).hasSize(1);
            assertThat(lines.get(0)).contains("WARN").contains("the JDK's providers (Ed25519 with Tink)")
                    .contains("the Amazon Corretto Crypto Provider did not load");
        } finally {
            process.destroy();
            process.waitFor();
        }
    }
}
