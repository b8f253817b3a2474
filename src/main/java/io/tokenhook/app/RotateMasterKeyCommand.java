package io.tokenhook.app;

import io.tokenhook.store.MasterKey;
import io.tokenhook.store.MasterKeySource;
import io.tokenhook.store.StoreUnavailableException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code tokenhook rotate-master-key}: re-seals every stored secret under a new master key in one transaction, on the
 * store {@code serve} would open. The new key goes where the old one was: into {@code master.key} (staged beside it
 * before the commit, so a crash loses nothing), or, when the operator keeps it in {@value MasterKeySource#ENV}, to
 * standard output before the commit (or it is taken from {@value #NEW_KEY_ENV}, generated beforehand).
 */
@Command(name = "rotate-master-key", mixinStandardHelpOptions = true,
        description = {"Re-encrypt the stored hook secrets and private keys under a new master key, in one transaction.",
                "Nodes still holding the old key keep serving their last configuration but refuse writes until restarted with the new one."},
        footerHeading = "%nExamples:%n",
        footer = {"  tokenhook rotate-master-key --data-dir ./data",
                "  TOKENHOOK_MASTER_KEY=<old> TOKENHOOK_NEW_MASTER_KEY=<new> tokenhook rotate-master-key --db jdbc:postgresql://db:5432/tokenhook"})
final class RotateMasterKeyCommand implements Callable<Integer> {
    static final String NEW_KEY_ENV = "TOKENHOOK_NEW_MASTER_KEY";

    @Option(names = "--data-dir", defaultValue = "${env:TOKENHOOK_DATA_DIR:-./data}", description = "Data directory of the server: the embedded store and master.key (TOKENHOOK_DATA_DIR, default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--db", defaultValue = "${env:TOKENHOOK_DB_URL}", description = "PostgreSQL JDBC URL of the store, as given to serve (TOKENHOOK_DB_URL).")
    String db;

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    RotateMasterKeyCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        try {
            var source = MasterKeySource.of(env, dataDir);
            String given = env.get(NEW_KEY_ENV);
            MasterKey next = given == null || given.isBlank() ? MasterKey.generate() : MasterKey.fromBase64(given, NEW_KEY_ENV);
            try (var store = Tokenhook.openStore(dataDir, db, env)) {
                String old = store.masterKeyId();
                boolean show = source.operatorKept() && (given == null || given.isBlank());
                if (show) {
                    // before the commit: once it has committed, this is the only copy
                    out.println("New master key " + next.id() + " (set " + MasterKeySource.ENV + " to it on every node):");
                    out.println(next.toBase64());
                }
                int count;
                try {
                    count = store.rotateMasterKey(source, next);
                } catch (RuntimeException e) {
                    if (show) out.println("Nothing changed: keep the old key " + old + ".");
                    throw e;
                }
                out.println("Re-encrypted " + count + " secrets: master key " + old + " -> " + next.id()
                        + (source.operatorKept() ? "; restart every node with the new " + MasterKeySource.ENV
                        : " in " + source.where() + "; restart the server (and copy it to every other node)") + ".");
                return 0;
            }
        } catch (StoreUnavailableException | IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            err.println("tokenhook: " + e.getMessage());
            return 1;
        }
    }
}
