package io.tokenhook.management;

import io.tokenhook.oauth.ClientAuthenticator;

import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The audit record of one management write, filled in while the write runs and logged by {@link Changes}: the
 * operation, its target, and facts that hold no secret: the names of the fields a request set, the names of the
 * hook secrets it touched (never their values), the SHA-256 of a hook's script before and after, the signing keys
 * a rotation planned. Confined to the thread of its request.
 */
public final class Change {
    /** Ids come from request paths: a longer one is cut, as exchange events cut what clients send. */
    private static final int MAX_ID = 256;
    private final Operation operation;
    private String targetId;
    private final Map<String, Object> facts = new LinkedHashMap<>();
    private boolean recorded;

    Change(Operation operation, String targetId) {
        this.operation = operation;
        this.targetId = cut(targetId);
    }

    public String description() {
        return operation.description();
    }

    /** The id of the resource changed, once known (a create learns it, a path may name an API by its identifier). */
    public Change target(String id) {
        this.targetId = cut(id);
        return this;
    }

    /** The names of the top-level fields the request body set; their values are not kept. */
    Change fields(Collection<String> names) {
        facts.put("fields", List.copyOf(new TreeSet<>(names)));
        return this;
    }

    /** The names of the hook secrets added, changed or deleted; their values are not kept. */
    Change secretNames(Collection<String> names) {
        facts.put("secrets", List.copyOf(new TreeSet<>(names)));
        return this;
    }

    /** The SHA-256 (hex) of a hook's script before and after the change; null where there is none (create, delete). */
    Change scripts(String before, String after) {
        var hashes = new LinkedHashMap<String, Object>();
        hashes.put("old_sha256", sha256(before));
        hashes.put("new_sha256", sha256(after));
        facts.put("script", hashes);
        return this;
    }

    /** The signing keys a rotation planned. */
    Change keys(List<String> kids) {
        facts.put("keys", List.copyOf(kids));
        return this;
    }

    /** The details every management event shares: operation and target, then the facts. */
    Map<String, Object> details() {
        var target = new LinkedHashMap<String, Object>();
        target.put("type", operation.targetType());
        if (targetId != null) target.put("id", targetId);
        var details = new LinkedHashMap<String, Object>();
        details.put("operation", operation.name());
        details.put("target", target);
        details.putAll(facts);
        return details;
    }

    /** Marks the change as logged; false when it already was (a later failure of the call is not a failed write). */
    boolean markRecorded() {
        boolean first = !recorded;
        recorded = true;
        return first;
    }

    boolean isRecorded() {
        return recorded;
    }

    private static String cut(String id) {
        return id == null || id.length() <= MAX_ID ? id : id.substring(0, MAX_ID);
    }

    static String sha256(String text) {
        return text == null ? null : HexFormat.of().formatHex(ClientAuthenticator.hash(text));
    }
}
