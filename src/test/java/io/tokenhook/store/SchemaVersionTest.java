package io.tokenhook.store;

import io.tokenhook.support.TestDatabase;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A database migrated by a newer Tokenhook is refused with both versions named, and left untouched. */
class SchemaVersionTest {

    @Test
    void openWhenSchemaIsNewerThanTheBinaryThenRefusedNamingBothVersions() throws Exception {
        try (var db = TestDatabase.create(Files.createTempDirectory("tokenhook-schema"))) {
            db.openStore().close();
            try (var c = db.connect(); var st = c.createStatement()) {
                st.executeUpdate("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, "
                        + "installed_by, installed_on, execution_time, success) VALUES (99, '99', 'from the future', 'SQL', "
                        + "'V99__from_the_future.sql', 0, 'test', '2030-01-01 00:00:00', 1, TRUE)");
            }
            assertThatThrownBy(db::openStore)
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("schema is at version 99")
                    .hasMessageMatching("(?s).*newer than this Tokenhook knows \\(\\d+\\).*");
            try (var c = db.connect(); var st = c.createStatement();
                 var rs = st.executeQuery("SELECT COUNT(*) FROM flyway_schema_history WHERE version = '99'")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
    }
}
