package io.tokenhook.management;

import java.util.Objects;

/**
 * What a management write does, as its {@code sapi} (or {@code fapi}) log event names it. Every write route of the
 * Management API is registered with one (see {@link ManagementApi#write}).
 *
 * @param description the event's description, as Auth0 words it ({@code "Create a client"})
 * @param targetType  the kind of resource it changes: {@code client}, {@code resource_server}, {@code client_grant},
 *                    {@code hook}, {@code signing_key}
 * @param name        the operation: {@code create}, {@code update}, {@code delete}, {@code rotate_secret}, ...
 */
public record Operation(String description, String targetType, String name) {
    public Operation {
        Objects.requireNonNull(description, "description cannot be null");
        Objects.requireNonNull(targetType, "targetType cannot be null");
        Objects.requireNonNull(name, "name cannot be null");
    }

    /** The audit record of one call of this operation on {@code targetId} (null when not known yet). */
    public Change begin(String targetId) {
        return new Change(this, targetId);
    }
}
