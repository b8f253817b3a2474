package io.tokenhook.management;

import io.tokenhook.events.EventLog;
import io.tokenhook.store.SnapshotHolder;
import io.tokenhook.store.Store;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Applies one Management API write: a single store transaction, then a fresh snapshot, then an {@code sapi}
 * log event naming the caller.
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

    public <T> T apply(ApiCall call, String description, Store.Work<T> work) {
        T result = store.write(work);
        snapshots.refresh();
        log(call, description);
        return result;
    }

    /**
     * A change Tokenhook makes by itself (automatic key rotation), logged with {@code actor} and no caller. The work
     * answers empty when it found nothing to change: nothing is logged then.
     */
    <T> Optional<T> applyBySystem(String actor, String description, Store.Work<Optional<T>> work) {
        Optional<T> result = store.write(work);
        snapshots.refresh();
        if (result.isPresent()) {
            events.record(events.newEvent("sapi", description, null, null, null, null, null, null, null,
                    Map.of("actor", actor)));
        }
        return result;
    }

    /** Records an {@code sapi} event for a change already committed (one write may change several things). */
    public void log(ApiCall call, String description) {
        var details = new LinkedHashMap<String, Object>();
        details.put("request", Map.of("method", call.method(), "path", call.requestPath()));
        details.put("actor", call.caller().actor() == null ? "" : call.caller().actor());
        events.record(events.newEvent("sapi", description, call.caller().clientId(), null, null, null,
                call.ip(), call.userAgent(), null, details));
    }
}
