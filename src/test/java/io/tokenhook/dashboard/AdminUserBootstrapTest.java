package io.tokenhook.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenhook.app.Config;
import io.tokenhook.app.Tokenhook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The dashboard's {@code admin} user is created at first start, with a password from the environment or generated. */
class AdminUserBootstrapTest {
    private static Config config(Path dir) {
        return new Config("127.0.0.1", 0, dir, "http://localhost:1/", null, null, Duration.ofDays(1), Duration.ofSeconds(1), 1000, 20,
                Config.DEFAULT_CONFIG_CHECK_INTERVAL, null, null);
    }

    @Test
    void firstStartWithoutPasswordThenGeneratedPrintedAndSavedButNotStoredInClear() throws Exception {
        Path dir = Files.createTempDirectory("tokenhook-admin-user");
        var out = new ByteArrayOutputStream();
        try (var server = Tokenhook.start(config(dir), Map.of(), new PrintStream(out, true))) {
            var creds = new ObjectMapper().readTree(dir.resolve("admin-credentials.json").toFile());
            String password = creds.get("dashboard_password").asText();
            assertThat(creds.get("dashboard_user").asText()).isEqualTo("admin");
            assertThat(creds.get("client_secret").asText()).isNotBlank();
            assertThat(out.toString()).contains("Tokenhook dashboard (shown once):").contains("user:          admin")
                    .contains("password:      " + password);
            String db = new String(Files.readAllBytes(dir.resolve("tokenhook.db")), StandardCharsets.ISO_8859_1)
                    + (Files.exists(dir.resolve("tokenhook.db-wal")) ? new String(Files.readAllBytes(dir.resolve("tokenhook.db-wal")), StandardCharsets.ISO_8859_1) : "");
            assertThat(db).doesNotContain(password).contains("$argon2id$");
        }
        var again = new ByteArrayOutputStream();
        try (var server = Tokenhook.start(config(dir), Map.of(), new PrintStream(again, true))) {
            assertThat(again.toString()).doesNotContain("password:");
        }
    }

    @Test
    void firstStartWithPasswordFromEnvironmentThenNotPrinted() throws Exception {
        Path dir = Files.createTempDirectory("tokenhook-admin-user");
        var out = new ByteArrayOutputStream();
        try (var server = Tokenhook.start(config(dir), Map.of("TOKENHOOK_ADMIN_PASSWORD", "from the environment"), new PrintStream(out, true))) {
            assertThat(out.toString()).contains("password:      (from TOKENHOOK_ADMIN_PASSWORD)").doesNotContain("from the environment");
            var creds = new ObjectMapper().readTree(dir.resolve("admin-credentials.json").toFile());
            assertThat(creds.has("dashboard_password")).isFalse();
        }
    }

    @Test
    void passwordFromEnvironmentWhenTooShortThenStartFails() throws Exception {
        Path dir = Files.createTempDirectory("tokenhook-admin-user");
        assertThatThrownBy(() -> Tokenhook.start(config(dir), Map.of("TOKENHOOK_ADMIN_PASSWORD", "short"),
                new PrintStream(new ByteArrayOutputStream())))
                .hasMessageContaining("TOKENHOOK_ADMIN_PASSWORD must have at least 8 characters");
    }
}
