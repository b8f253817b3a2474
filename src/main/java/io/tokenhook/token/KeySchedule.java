package io.tokenhook.token;

import io.tokenhook.tenant.SigningKey;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Puts the tenant keys to work on time. Each snapshot's keys give the {@link TokenIssuer} a {@link KeyRing} for
 * now, and a timer builds the next ring at the instant a key is planned to start or stop signing or to leave the
 * JWKS. Since a rotation commits those instants ahead of time, every node switches at the same instant of its
 * clock, and the token path itself never looks at the time of a key.
 */
public final class KeySchedule implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KeySchedule.class);

    private final TokenIssuer issuer;
    private final InstantSource clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("tokenhook-key-schedule").factory());
    private List<SigningKey> keys = List.of();
    private ScheduledFuture<?> pending;

    public KeySchedule(TokenIssuer issuer, InstantSource clock) {
        this.issuer = issuer;
        this.clock = clock;
    }

    /** Switches to a new snapshot's keys. */
    public synchronized void use(List<SigningKey> snapshotKeys) {
        keys = List.copyOf(snapshotKeys);
        install(clock.instant());
    }

    private synchronized void install(Instant at) {
        KeyRing ring = KeyRing.of(keys, issuer.keys(), at);
        issuer.useKeys(ring);
        if (pending != null) pending.cancel(false);
        pending = ring.nextChange().map(change -> {
            long delay = Math.max(0, Duration.between(clock.instant(), change).toMillis());
            // a timer firing a few milliseconds early still builds the ring of the planned instant
            return timer.schedule(() -> onTime(change), delay, TimeUnit.MILLISECONDS);
        }).orElse(null);
    }

    private void onTime(Instant planned) {
        try {
            Instant now = clock.instant();
            install(now.isBefore(planned) ? planned : now);
            LOG.info("signing keys changed as planned at {}; signing with {}", planned, issuer.keys().currentKids());
        } catch (RuntimeException e) {
            LOG.error("cannot switch signing keys at {}: {}", planned, e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
