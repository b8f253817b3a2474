package io.tokenhook.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A signed-in dashboard browser, as every node sees it.
 *
 * @param idHash    the SHA-256 (hex) of the session id the browser holds in its cookie; the id itself is never stored
 * @param user      the {@link DashboardUser} signed in
 * @param csrfToken the anti-forgery token the pages echo on every write
 * @param lastSeen  the last recorded activity (recorded at most about once a minute)
 * @param expiresAt when the session ends unless activity moves it on
 */
public record DashboardSession(String idHash, String user, String csrfToken, Instant createdAt, Instant lastSeen,
                               Instant expiresAt) {
    public DashboardSession {
        Objects.requireNonNull(idHash, "idHash cannot be null");
        Objects.requireNonNull(user, "user cannot be null");
        Objects.requireNonNull(csrfToken, "csrfToken cannot be null");
        Objects.requireNonNull(createdAt, "createdAt cannot be null");
        Objects.requireNonNull(lastSeen, "lastSeen cannot be null");
        Objects.requireNonNull(expiresAt, "expiresAt cannot be null");
    }

    /** True from {@link #expiresAt} on. */
    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** This session with activity recorded at {@code now}, lasting {@code idleTimeout} from then. */
    public DashboardSession seenAt(Instant now, Duration idleTimeout) {
        return new DashboardSession(idHash, user, csrfToken, createdAt, now, now.plus(idleTimeout));
    }

    @Override
    public String toString() {
        return "DashboardSession[user=" + user + ", lastSeen=" + lastSeen + ", expiresAt=" + expiresAt + "]";
    }
}
