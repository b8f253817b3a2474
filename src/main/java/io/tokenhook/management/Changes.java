package io.tokenhook.management;

import io.tokenhook.events.EventLog;
import io.tokenhook.store.SnapshotHolder;
import io.tokenhook.store.Store;
import io.tokenhook.tenant.LogEvent;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Applies management writes and keeps their audit trail. A write is a single store transaction, then a fresh
 * snapshot, then an {@code sapi} log event; a write the server refuses after authenticating its caller is an
 * {@code fapi} event. Both carry the same {@code details}: {@code actor} (the caller's client id, {@code "<user>
 * (dashboard)"}, or Tokenhook itself), {@code operation}, {@code target {type, id}}, {@code request {method, path}}
 * and the facts of the {@link Change}; {@code fapi} adds {@code response {statusCode, errorCode}}. No secret value
 * is ever part of them.
 */
public final class Changes {
    private final Store store;
    private final SnapshotHolder snapshots;
    private final EventLog events;

    public Changes(Store store, SnapshotHolder snapshots, EventLog events) {
        this.store = store;
        this.snapshots = snapshots;
        this.events = events;
    }

    public Store store() {
        return store;
    }

    /** Runs the call's write in one transaction, refreshes the snapshot and logs the call's {@link Change}. */
    public <T> T apply(ApiCall call, Store.Work<T> work) {
        T result = store.write(work);
        snapshots.refresh();
        record(call, call.change());
        return result;
    }

    /**
     * A change Tokenhook makes by itself (automatic key rotation), logged with {@code actor} and no request. The work
     * answers empty when it found nothing to change: nothing is logged then.
     */
    <T> Optional<T> applyBySystem(String actor, Change change, Store.Work<Optional<T>> work) {
        Optional<T> result = store.write(work);
        snapshots.refresh();
        if (result.isPresent()) {
            change.markRecorded();
            events.record(events.newEvent("sapi", change.description(), null, null, null, null, null, null, null,
                    details(actor, null, change)));
        }
        return result;
    }

    /**
     * Logs {@code change} of {@code call}, already committed, as an {@code sapi} event: the call's own change after a
     * write that needs no transaction of its own, or another one the same transaction made (a hook disabled because
     * another was enabled).
     */
    public void record(ApiCall call, Change change) {
        change.markRecorded();
        events.record(event("sapi", change.description(), call, details(call.caller().actor(), call, change)));
    }

    /**
     * Logs a write refused with {@code statusCode} as an {@code fapi} event whose description is the message the caller
     * got. A call whose change was already logged is not refused: what failed came after the write.
     */
    void refused(ApiCall call, int statusCode, String errorCode, String message) {
        Change change = call.change();
        if (change.isRecorded()) return;
        var details = details(call.caller().actor(), call, change);
        var response = new LinkedHashMap<String, Object>();
        response.put("statusCode", statusCode);
        if (errorCode != null) response.put("errorCode", errorCode);
        details.put("response", response);
        events.record(event("fapi", message, call, details));
    }

    private LogEvent event(String type, String description, ApiCall call, Map<String, Object> details) {
        return events.newEvent(type, description, call.caller().clientId(), null, null, null, call.ip(), call.userAgent(),
                null, details);
    }

    private static Map<String, Object> details(String actor, ApiCall call, Change change) {
        var details = new LinkedHashMap<String, Object>();
        details.put("actor", actor == null ? "" : actor);
        if (call != null) {
            var request = new LinkedHashMap<String, Object>();
            request.put("method", call.method());
            request.put("path", call.requestPath());
            details.put("request", request);
        }
        details.putAll(change.details());
        return details;
    }
}
