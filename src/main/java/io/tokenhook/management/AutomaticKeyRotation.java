package io.tokenhook.management;

import io.tokenhook.store.StoreTx;
import io.tokenhook.store.StoreUnavailableException;
import io.tokenhook.tenant.SigningKey;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Rotates the signing keys once a key has been current for {@code period} ({@code --key-rotation-period}). Every
 * node checks; the rotation's transaction takes the store's write lock first and sees a rotation another node has
 * just planned, so a period gives one rotation however many nodes run.
 */
final class AutomaticKeyRotation implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AutomaticKeyRotation.class);
    static final String ACTOR = "tokenhook (automatic key rotation)";

    private final Changes changes;
    private final KeyRotation rotation;
    private final InstantSource clock;
    private final Duration period;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("tokenhook-key-rotation").factory());

    AutomaticKeyRotation(Changes changes, KeyRotation rotation, InstantSource clock, Duration period) {
        this.changes = changes;
        this.rotation = rotation;
        this.clock = clock;
        this.period = period;
    }

    void start() {
        // a twentieth of the period keeps the lateness small, a minute at most keeps the checks cheap
        long checkMillis = Math.clamp(period.toMillis() / 20, 200, 60_000);
        timer.scheduleWithFixedDelay(this::rotateIfDue, checkMillis, checkMillis, TimeUnit.MILLISECONDS);
    }

    private boolean due(SigningKey key, Instant now) {
        return !key.currentSince().plus(period).isAfter(now);
    }

    private void rotateIfDue() {
        try {
            Instant now = clock.instant();
            List<SigningKey> keys = changes.store().read(StoreTx::signingKeys);
            if (keys.stream().filter(SigningKey::inService).noneMatch(k -> due(k, now))) return;
            var fresh = rotation.prepare(keys);
            // the write re-reads the keys under the lock: a node that lost the race finds nothing due any more
            var change = new Operation("Rotate the signing keys (every " + period + ")", "signing_key", "rotate").begin(null);
            var successors = changes.applyBySystem(ACTOR, change, tx -> {
                var rotated = rotation.rotate(tx, fresh, k -> due(k, clock.instant()));
                if (!rotated.changed()) return Optional.<List<SigningKey>>empty();
                change.keys(rotated.successors().stream().map(SigningKey::kid).toList());
                return Optional.of(rotated.successors());
            });
            successors.ifPresent(rotated -> LOG.info("signing keys rotated automatically: {}", rotated.stream()
                    .map(k -> k.alg() + " " + k.kid() + " from " + k.currentSince()).toList()));
        } catch (StoreUnavailableException e) {
            LOG.warn("automatic key rotation postponed, the store is unavailable: {}", e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("automatic key rotation failed: {}", e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
