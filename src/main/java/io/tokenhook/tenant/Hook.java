package io.tokenhook.tenant;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A JavaScript hook bound to one extensibility point (trigger).
 *
 * @param secrets      name to clear value; only the hook runtime ever reads the values
 * @param dependencies npm package name to version, as Auth0 stores them
 */
public record Hook(
        String id,
        String name,
        String script,
        String triggerId,
        boolean enabled,
        Map<String, String> dependencies,
        Map<String, String> secrets,
        Instant createdAt,
        Instant updatedAt) {

    public static final String CREDENTIALS_EXCHANGE = "credentials-exchange";

    public Hook {
        Objects.requireNonNull(id, "id cannot be null");
        Objects.requireNonNull(name, "name cannot be null");
        Objects.requireNonNull(triggerId, "triggerId cannot be null");
        dependencies = dependencies == null ? Map.of() : Map.copyOf(dependencies);
        secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
    }

    /** Identifies this exact code and secrets: pooled runtimes are keyed by it. */
    public String versionKey() {
        return id + "@" + updatedAt.toEpochMilli() + "#" + Objects.hash(script, secrets);
    }
}
