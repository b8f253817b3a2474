package io.tokenhook.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenhook.app.Config;
import io.tokenhook.app.Tokenhook;
import io.tokenhook.support.TestDatabase;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The dashboard's {@code admin} user is created at first start, with a password from the environment or generated. */
class AdminUserBootstrapTest {
    private static Config config(TestDatabase db) {
        return new Config("127.0.0.1", 0, db.dataDir(), "http://localhost:1/", db.dbUrl(), null, Duration.ofDays(1), Duration.ofSeconds(1),
                1000, 20, Config.DEFAULT_CONFIG_CHECK_INTERVAL, null, null, Config.Tls.NONE);
    }

    private static Map<String, String> env(TestDatabase db, String... kv) {
        var env = new HashMap<>(db.env());
        for (int i = 0; i < kv.length; i += 2) env.put(kv[i], kv[i + 1]);
        return env;
    }

    @Test
    void firstStartWithoutPasswordThenGeneratedPrintedAndSavedButNotStoredInClear() throws Exception {
        try (var db = TestDatabase.create(Files.createTempDirectory("tokenhook-admin-user"))) {
            Path dir = db.dataDir();
            var out = new ByteArrayOutputStream();
            try (var server = Tokenhook.start(config(db), env(db), new PrintStream(out, true))) {
                var creds = new ObjectMapper().readTree(dir.resolve("admin-credentials.json").toFile());
                String password = creds.get("dashboard_password").asText();
                assertThat(creds.get("dashboard_user").asText()).isEqualTo("admin");
                assertThat(creds.get("client_secret").asText()).isNotBlank();
                assertThat(out.toString()).contains("Tokenhook dashboard (shown once):").contains("user:          admin")
                        .contains("password:      " + password);
                assertThat(db.contentsAsText()).doesNotContain(password).contains("$argon2id$");
            }
            var again = new ByteArrayOutputStream();
            try (var server = Tokenhook.start(config(db), env(db), new PrintStream(again, true))) {
                assertThat(again.toString()).doesNotContain("password:");
            }
        }
    }

    @Test
    void firstStartWithPasswordFromEnvironmentThenNotPrinted() throws Exception {
        try (var db = TestDatabase.create(Files.createTempDirectory("tokenhook-admin-user"))) {
            var out = new ByteArrayOutputStream();
            try (var server = Tokenhook.start(config(db), env(db, "TOKENHOOK_ADMIN_PASSWORD", "from the environment"),
                    new PrintStream(out, true))) {
                assertThat(out.toString()).contains("password:      (from TOKENHOOK_ADMIN_PASSWORD)").doesNotContain("from the environment");
                var creds = new ObjectMapper().readTree(db.dataDir().resolve("admin-credentials.json").toFile());
                assertThat(creds.has("dashboard_password")).isFalse();
            }
        }
    }

    @Test
    void passwordFromEnvironmentWhenTooShortThenStartFails() throws Exception {
        try (var db = TestDatabase.create(Files.createTempDirectory("tokenhook-admin-user"))) {
            assertThatThrownBy(() -> Tokenhook.start(config(db), env(db, "TOKENHOOK_ADMIN_PASSWORD", "short"),
                    new PrintStream(new ByteArrayOutputStream())))
                    .hasMessageContaining("TOKENHOOK_ADMIN_PASSWORD must have at least 8 characters");
        }
    }
}
