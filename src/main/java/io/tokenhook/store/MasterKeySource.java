package io.tokenhook.store;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where this node's {@link MasterKey} comes from: the environment variable {@value #ENV} when set, otherwise the
 * file {@code master.key} in the data directory, created at the first start.
 */
public sealed interface MasterKeySource permits MasterKeySource.Environment, MasterKeyFile {
    String ENV = "TOKENHOOK_MASTER_KEY";

    static MasterKeySource of(Map<String, String> env, Path dataDir) {
        String value = env.get(ENV);
        return value == null || value.isBlank() ? new MasterKeyFile(dataDir) : new Environment(value);
    }

    /** The key, or empty when none has been set up yet; throws when it is there but unusable. */
    Optional<MasterKey> load();

    /** A new key, saved where {@link #load()} finds it, for a store that has none yet. */
    MasterKey create();

    /**
     * Keeps {@code next} where {@link #staged()} finds it, before a rotation commits: should the process die between
     * the commit and {@link #replace}, the next start still has the key the store is then sealed under.
     */
    void stage(MasterKey next);

    /** The key a rotation staged, if one is left. */
    Optional<MasterKey> staged();

    /** Makes the staged {@code next} the key {@link #load()} returns, once the rotation has committed. */
    void replace(MasterKey next);

    /** Where the key is, for messages: the variable's name or the file's path. */
    String where();

    /** Whether the operator keeps the key (an environment variable) rather than Tokenhook (a file). */
    default boolean operatorKept() {
        return this instanceof Environment;
    }

    /** The key in {@value #ENV}: the operator keeps it, so nothing is created or written here. */
    record Environment(String value) implements MasterKeySource {
        @Override
        public Optional<MasterKey> load() {
            return Optional.of(MasterKey.fromBase64(value, ENV));
        }

        @Override
        public MasterKey create() {
            return load().orElseThrow();
        }

        @Override
        public void stage(MasterKey next) {
        }

        @Override
        public Optional<MasterKey> staged() {
            return Optional.empty();
        }

        @Override
        public void replace(MasterKey next) {
        }

        @Override
        public String where() {
            return ENV;
        }

        @Override
        public String toString() {
            return "Environment[" + ENV + "]";
        }
    }
}
