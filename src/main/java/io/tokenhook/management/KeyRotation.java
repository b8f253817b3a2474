package io.tokenhook.management;

import io.tokenhook.store.StoreTx;
import io.tokenhook.tenant.ResourceServer;
import io.tokenhook.tenant.SigningKey;
import io.tokenhook.token.KeyGenerator;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Signing key rotation that holds across nodes. For each algorithm in use, the next key (published since the last
 * rotation, or new) is set to start signing at {@code now + activationDelay}; the key it replaces stops at that
 * same instant and stays in the JWKS until every token it can have signed has expired. Every node reads these
 * instants from the committed keys, so all of them switch together, and none signs with a key the JWKS did not
 * already list. A fresh next key is then published for the following rotation.
 */
final class KeyRotation {
    /** Extra time a retired key stays published, for clocks of verifiers that run a little behind. */
    static final Duration CLOCK_SKEW_ALLOWANCE = Duration.ofMinutes(1);
    /** RS256 first: it is the default algorithm and the one an Auth0 client expects {@code kid} to name. */
    private static final Comparator<String> ALG_ORDER = Comparator.comparing((String alg) -> !alg.equals("RS256"))
            .thenComparing(Comparator.naturalOrder());

    private final InstantSource clock;
    private final Duration activationDelay;

    KeyRotation(InstantSource clock, Duration activationDelay) {
        this.clock = clock;
        this.activationDelay = activationDelay;
    }

    /** New key pairs made before the transaction (an RSA pair can take a second), taken per algorithm. */
    static final class FreshKeys {
        private final Map<String, Deque<SigningKey>> byAlg = new HashMap<>();
        private final InstantSource clock;

        private FreshKeys(InstantSource clock) {
            this.clock = clock;
        }

        SigningKey take(String alg) {
            SigningKey key = byAlg.getOrDefault(alg, new ArrayDeque<>()).poll();
            // only when another node rotated in between and the plan changed
            return key != null ? key : KeyGenerator.generate(alg, clock.instant());
        }
    }

    /**
     * The pairs {@link #rotate} will need for {@code keys} as they stand now: for each algorithm whose rotation is not
     * planned yet, a successor where no next key waits, and a new next key.
     */
    FreshKeys prepare(List<SigningKey> keys) {
        var fresh = new FreshKeys(clock);
        Instant now = clock.instant();
        for (String alg : algorithmsInUse(keys)) {
            if (inService(keys, alg).currentSince().isAfter(now)) continue; // already planned
            Deque<SigningKey> pairs = fresh.byAlg.computeIfAbsent(alg, a -> new ArrayDeque<>());
            if (waitingNext(keys, alg).isEmpty()) pairs.add(KeyGenerator.generate(alg, clock.instant()));
            pairs.add(KeyGenerator.generate(alg, clock.instant()));
        }
        return fresh;
    }

    /**
     * Plans the rotation of every algorithm whose key in service is {@code due}, in {@code tx}; an algorithm whose
     * rotation is already planned keeps that plan.
     *
     * @return the key that starts signing for each algorithm concerned, RS256 first
     */
    Rotated rotate(StoreTx tx, FreshKeys fresh, Predicate<SigningKey> due) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS); // as the store keeps it
        Instant switchAt = now.plus(activationDelay);
        List<SigningKey> keys = tx.signingKeys();
        Map<String, Integer> lifetimes = longestLifetimeByAlg(tx.resourceServers());
        var successors = new ArrayList<SigningKey>();
        boolean changed = false;
        for (String alg : algorithmsInUse(keys)) {
            SigningKey inService = inService(keys, alg);
            if (inService.currentSince().isAfter(now)) {
                successors.add(inService);
                continue;
            }
            if (!due.test(inService)) continue;
            Duration lifetime = Duration.ofSeconds(lifetimes.getOrDefault(alg, ResourceServer.DEFAULT_TOKEN_LIFETIME));
            tx.updateSigningKey(inService.retiredAt(switchAt, switchAt.plus(lifetime).plus(CLOCK_SKEW_ALLOWANCE)));
            Optional<SigningKey> next = waitingNext(keys, alg);
            SigningKey successor = next.orElseGet(() -> fresh.take(alg)).withCurrentSince(switchAt);
            if (next.isPresent()) tx.updateSigningKey(successor);
            else tx.insertSigningKey(successor);
            tx.insertSigningKey(fresh.take(alg));
            successors.add(successor);
            changed = true;
        }
        return new Rotated(List.copyOf(successors), changed);
    }

    /**
     * @param successors the key that starts signing for each algorithm concerned, RS256 first
     * @param changed    whether this call planned anything (false when nothing was due or all was already planned)
     */
    record Rotated(List<SigningKey> successors, boolean changed) {}

    /** The algorithms with a key in service, RS256 first. */
    static List<String> algorithmsInUse(List<SigningKey> keys) {
        return keys.stream().filter(SigningKey::inService).map(SigningKey::alg).distinct().sorted(ALG_ORDER).toList();
    }

    /** The key {@code alg} signs with, or will sign with once a planned rotation switches (the newest in service). */
    private static SigningKey inService(List<SigningKey> keys, String alg) {
        return keys.stream().filter(k -> k.alg().equals(alg) && k.inService())
                .max(Comparator.comparing(SigningKey::currentSince)).orElseThrow();
    }

    private static Optional<SigningKey> waitingNext(List<SigningKey> keys, String alg) {
        return keys.stream().filter(k -> k.alg().equals(alg) && k.currentSince() == null && k.revokedAt() == null)
                .findFirst();
    }

    private static Map<String, Integer> longestLifetimeByAlg(List<ResourceServer> apis) {
        var longest = new HashMap<String, Integer>();
        for (ResourceServer api : apis) longest.merge(api.signingAlg(), api.tokenLifetime(), Math::max);
        return longest;
    }
}
