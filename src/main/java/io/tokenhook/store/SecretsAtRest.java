package io.tokenhook.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Which master key a store's secrets are sealed under ({@code meta.master_key_id}), and the two changes of it: the
 * first start with a key, which seals the values written in clear before (V6), and a rotation, which re-seals them
 * under a new key. Each is one transaction: a store is never half sealed.
 */
final class SecretsAtRest {
    private static final Logger LOG = LoggerFactory.getLogger(SecretsAtRest.class);
    static final String META_KEY_ID = "master_key_id";

    private SecretsAtRest() {}

    /**
     * The key the store's secrets are sealed under, from {@code source}. A store whose values are still in clear text
     * (new, or from before V6) gets sealed under the source's key, created first if there is none. Refuses, with a
     * message saying what to do, when the source has no key or another one.
     */
    static MasterKey unlock(JdbcStore store, MasterKeySource source) {
        String sealedUnder = store.read(tx -> ((JdbcStoreTx) tx).masterKeyId());
        if (sealedUnder.isEmpty()) {
            MasterKey key = source.load().orElseGet(() -> created(source));
            int sealed = store.rekey(key, tx -> {
                if (!tx.masterKeyId().isEmpty()) return -1;  // another node sealed them first
                int count = 0;
                for (var column : SecretColumn.values()) count += tx.rewrite(column, (clear, row) -> column.seal(key, clear, row));
                tx.setMasterKeyId(key.id());
                return count;
            });
            if (sealed >= 0) {
                if (sealed > 0) {
                    LOG.info("sealed {} secrets written in clear by an earlier Tokenhook under master key {}", sealed, key.id());
                    store.compact();
                }
                return key;
            }
            sealedUnder = store.read(tx -> ((JdbcStoreTx) tx).masterKeyId());
        }
        String expected = sealedUnder;
        MasterKey key = source.load().orElseThrow(() -> new StoreUnavailableException("the store's secrets are sealed under master key "
                + expected + ", and there is no key: set " + MasterKeySource.ENV + " to it, or copy the master.key of the node that has it to "
                + source.where(), null));
        if (key.id().equals(sealedUnder)) return key;
        Optional<MasterKey> staged = source.staged();
        if (staged.isPresent() && staged.get().id().equals(sealedUnder)) {
            // a rotation committed, and its process stopped before it could put the new key in place
            source.replace(staged.get());
            LOG.info("finished the master key rotation to key {}: {} now holds it", sealedUnder, source.where());
            return staged.get();
        }
        throw new StoreUnavailableException("wrong master key: the store's secrets are sealed under key " + sealedUnder + ", and "
                + source.where() + " holds key " + key.id() + "; give this node the store's key: the one the other nodes use, or the last one "
                + "rotate-master-key made", null);
    }

    private static MasterKey created(MasterKeySource source) {
        MasterKey key = source.create();
        LOG.info("created master key {} in {}: keep it with the database's backups; without it the secrets cannot be read", key.id(), source.where());
        return key;
    }

    /** Re-seals every secret from {@code current} to {@code next} in one transaction; see {@link JdbcStore#rotateMasterKey}. */
    static int rotate(JdbcStore store, MasterKeySource source, MasterKey current, MasterKey next) {
        if (next.id().equals(current.id())) throw new IllegalArgumentException("the new master key is the current one");
        source.stage(next);
        int count = store.rekey(next, tx -> {
            if (!tx.masterKeyId().equals(current.id())) {
                throw new StoreUnavailableException("the store's secrets are sealed under master key " + tx.masterKeyId()
                        + ", not under " + current.id() + " from " + source.where() + ": nothing was changed", null);
            }
            int n = 0;
            for (var column : SecretColumn.values()) {
                n += tx.rewrite(column, (sealed, row) -> column.seal(next, column.open(current, sealed, row), row));
            }
            tx.setMasterKeyId(next.id());
            return n;
        });
        source.replace(next);
        store.compact();
        return count;
    }
}
