package io.tokenhook.dashboard;

import io.tokenhook.store.DashboardSession;
import io.tokenhook.store.DashboardUser;
import io.tokenhook.store.JdbcStore;
import io.tokenhook.store.MasterKeySource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sessions over a real SQLite store with a fake clock. Two {@link Sessions} on one store stand for two nodes on one
 * database: what one writes, the other reads at its next request.
 */
class SessionsTest {
    static final Duration IDLE = Duration.ofMinutes(30);

    JdbcStore store;
    FakeClock clock;
    Sessions nodeA;
    Sessions nodeB;

    @BeforeEach
    void open() throws Exception {
        var dir = Files.createTempDirectory("tokenhook-sessions");
        store = JdbcStore.openSqlite(dir, MasterKeySource.of(Map.of(), dir));
        clock = new FakeClock(Instant.parse("2026-03-01T09:00:00Z"));
        store.write(tx -> {
            tx.insertDashboardUser(new DashboardUser("admin", "$argon2id$not-used-here", clock.instant(), clock.instant()));
            return null;
        });
        nodeA = new Sessions(store, clock, IDLE, List.of("read:clients"), false);
        nodeB = new Sessions(store, clock, IDLE, List.of("read:clients"), false);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void touchIntervalWhenTimeoutLongThenAMinuteElseATenthOfIt() {
        assertThat(nodeA.touchInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(new Sessions(store, clock, Duration.ofSeconds(4), List.of(), false).touchInterval()).isEqualTo(Duration.ofMillis(400));
    }

    @Test
    void createWhenSignedInThenStoreKeepsOnlyTheHashOfTheId() throws Exception {
        var started = nodeA.create("admin");
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(started.id().getBytes(StandardCharsets.UTF_8)));
        assertThat(started.session().idHash()).isEqualTo(expected).doesNotContain(started.id());
        var row = store.dashboardSession(expected).orElseThrow();
        assertThat(List.of(row.idHash(), row.user(), row.csrfToken())).noneMatch(v -> v.contains(started.id()));
        assertThat(row.expiresAt()).isEqualTo(clock.instant().plus(IDLE));
    }

    @Test
    void findWhenCreatedOnOneNodeThenTheOtherKnowsIt() {
        var started = nodeA.create("admin");
        var onB = nodeB.find(started.id(), true).orElseThrow();
        assertThat(onB.user()).isEqualTo("admin");
        assertThat(onB.csrfToken()).isEqualTo(started.session().csrfToken());
    }

    @Test
    void findWhenActiveThenActivityIsWrittenAtMostOnceAMinute() {
        var started = nodeA.create("admin");
        Instant signedIn = clock.instant();
        clock.advance(Duration.ofSeconds(30));
        nodeA.find(started.id(), true).orElseThrow();
        assertThat(stored(started).lastSeen()).isEqualTo(signedIn);   // not written yet

        clock.advance(Duration.ofSeconds(31));
        var touched = nodeB.find(started.id(), true).orElseThrow();
        assertThat(stored(started).lastSeen()).isEqualTo(clock.instant());
        assertThat(stored(started).expiresAt()).isEqualTo(clock.instant().plus(IDLE)).isEqualTo(touched.expiresAt());
        assertThat(nodeA.remaining(touched)).isEqualTo(IDLE);
    }

    @Test
    void findWithoutTouchThenNothingIsWritten() {
        var started = nodeA.create("admin");
        clock.advance(Duration.ofMinutes(5));
        nodeA.find(started.id(), false).orElseThrow();
        assertThat(stored(started).lastSeen()).isEqualTo(started.session().lastSeen());
    }

    @Test
    void activityOnOneNodeKeepsTheSessionAliveOnTheOther() {
        var started = nodeA.create("admin");
        clock.advance(Duration.ofMinutes(20));
        nodeB.find(started.id(), true).orElseThrow();
        clock.advance(Duration.ofMinutes(20));                        // 40 minutes after sign-in, 20 after activity on B
        assertThat(nodeA.find(started.id(), false)).isPresent();
        clock.advance(Duration.ofMinutes(10));                        // 30 minutes idle
        assertThat(nodeA.find(started.id(), true)).isEmpty();
        assertThat(nodeB.find(started.id(), true)).isEmpty();
    }

    @Test
    void touchWhenAlreadyExpiredThenNotBroughtBack() {
        var started = nodeA.create("admin");
        clock.advance(IDLE);
        assertThat(store.touchDashboardSession(started.session().idHash(), clock.instant(), clock.instant().plus(IDLE))).isFalse();
        assertThat(nodeB.find(started.id(), true)).isEmpty();
    }

    @Test
    void deleteOnOneNodeThenTheOtherRefuses() {
        var started = nodeA.create("admin");
        nodeB.find(started.id(), true).orElseThrow();
        nodeA.delete(started.id());
        assertThat(nodeB.find(started.id(), true)).isEmpty();
        assertThat(store.dashboardSession(started.session().idHash())).isEmpty();
    }

    @Test
    void createWhenOthersHaveExpiredThenTheyArePurged() {
        var old = nodeA.create("admin");
        clock.advance(Duration.ofMinutes(10));
        var recent = nodeA.create("admin");
        clock.advance(Duration.ofMinutes(25));                        // old expired 5 minutes ago, recent has 5 left
        nodeB.create("admin");
        assertThat(store.dashboardSession(old.session().idHash())).isEmpty();
        assertThat(store.dashboardSession(recent.session().idHash())).isPresent();
    }

    @Test
    void sessionWritesLeaveTheConfigurationVersionAlone() {
        long version = store.configVersion();
        var started = nodeA.create("admin");
        clock.advance(Duration.ofMinutes(2));
        nodeB.find(started.id(), true).orElseThrow();
        nodeA.delete(started.id());
        nodeA.create("admin");
        assertThat(store.configVersion()).isEqualTo(version);
    }

    @Test
    void findWhenCookieMissingOrMalformedThenNoSession() {
        nodeA.create("admin");
        assertThat(nodeA.find(null, true)).isEmpty();
        assertThat(nodeA.find("", true)).isEmpty();
        assertThat(nodeA.find("x".repeat(5000), true)).isEmpty();
        assertThat(nodeA.find(Sessions.randomToken(), true)).isEmpty();
    }

    /** What the store holds for a session now. */
    private DashboardSession stored(Sessions.Started started) {
        return store.dashboardSession(started.session().idHash()).orElseThrow();
    }

    /** A clock the test moves by hand. */
    static final class FakeClock implements InstantSource {
        private volatile Instant now;

        FakeClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
