package io.tokenhook.store;

import io.tokenhook.tenant.TenantSnapshot;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The current {@link TenantSnapshot}, swapped atomically after each committed change. Listeners (key ring,
 * hook pools) run on the refreshing thread before the new snapshot is published, so no reader sees a snapshot
 * whose keys are not ready yet.
 */
public final class SnapshotHolder implements Supplier<TenantSnapshot>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotHolder.class);
    private final Store store;
    private volatile Thread watcher;
    private volatile AutoCloseable feed;
    private volatile boolean storeDown;
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

    /**
     * Follows other nodes' changes: the store's change feed (PostgreSQL NOTIFY) refreshes at once, and the
     * configuration version is also checked every {@code interval}, which covers missed notifications. While the store is unreachable the last snapshot stays in force, so tokens
     * keep being issued; the watcher says so once and catches up by itself when the store is back.
     */
    public void watch(Duration interval) {
        feed = store.listen(this::refreshIfStale);
        watcher = Thread.ofPlatform().daemon().name("tokenhook-config-watch").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(interval);
                    refreshIfStale();
                    if (storeDown) LOG.info("the store is reachable again; configuration version {}", current.version());
                    storeDown = false;
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    if (!storeDown) LOG.warn("cannot check the configuration version ({}); serving the last snapshot", e.getMessage());
                    storeDown = true;
                }
            }
        });
    }

    /** Refreshes when the store's version moved, without reloading everything when it did not. */
    private void refreshIfStale() {
        if (store.configVersion() != current.version()) refresh();
    }

    @Override
    public void close() {
        Thread t = watcher;
        if (t != null) t.interrupt();
        AutoCloseable f = feed;
        if (f != null) {
            try {
                f.close();
            } catch (Exception e) {
                LOG.debug("closing the change feed: {}", e.getMessage());
            }
        }
    }
}
