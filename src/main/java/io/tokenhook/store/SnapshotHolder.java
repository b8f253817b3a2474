package io.tokenhook.store;

import io.tokenhook.tenant.TenantSnapshot;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The current {@link TenantSnapshot}, swapped atomically after each committed change. Listeners (key ring,
 * hook pools) run on the refreshing thread before the new snapshot is published, so no reader sees a snapshot
 * whose keys are not ready yet.
 */
public final class SnapshotHolder implements Supplier<TenantSnapshot> {
    private final Store store;
    private final List<Consumer<TenantSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private volatile TenantSnapshot current = TenantSnapshot.empty();

    public SnapshotHolder(Store store) {
        this.store = store;
    }

    @Override
    public TenantSnapshot get() {
        return current;
    }

    public void onChange(Consumer<TenantSnapshot> listener) {
        listeners.add(listener);
    }

    /** Reloads from the store when its version moved; returns the snapshot in force afterwards. */
    public synchronized TenantSnapshot refresh() {
        TenantSnapshot next = store.loadSnapshot();
        if (next.version() != current.version() || current.version() == 0) {
            listeners.forEach(l -> l.accept(next));
            current = next;
        }
        return current;
    }
}
