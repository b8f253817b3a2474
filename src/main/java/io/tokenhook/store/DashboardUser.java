package io.tokenhook.store;

import java.time.Instant;
import java.util.Objects;

/**
 * An account that signs in to the dashboard.
 *
 * @param passwordHash a PHC-format slow hash (never the password)
 */
public record DashboardUser(String name, String passwordHash, Instant createdAt, Instant updatedAt) {
    public DashboardUser {
        Objects.requireNonNull(name, "name cannot be null");
        Objects.requireNonNull(passwordHash, "passwordHash cannot be null");
    }

    @Override
    public String toString() {
        return "DashboardUser[name=" + name + "]";
    }
}
