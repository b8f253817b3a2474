package io.tokenhook.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tokenhook.dashboard.Passwords;
import io.tokenhook.management.Ids;
import io.tokenhook.oauth.ClientAuthenticator;
import io.tokenhook.store.DashboardUser;
import io.tokenhook.store.Store;
import io.tokenhook.store.StoreTx;
import io.tokenhook.tenant.Client;
import io.tokenhook.tenant.ClientGrant;
import io.tokenhook.tenant.ResourceServer;
import io.tokenhook.tenant.SigningKey;
import io.tokenhook.token.CryptoProvider;
import io.tokenhook.token.KeyGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * First start on an empty store: a signing key, the Management API, an admin application granted every
 * management scope and the dashboard's {@code admin} user. Later starts only make sure the Management API's
 * identifier follows the issuer (and create the dashboard user if a store from before the dashboard has none).
 */
final class Bootstrap {
    private static final Logger LOG = LoggerFactory.getLogger(Bootstrap.class);
    static final String DASHBOARD_USER = "admin";
    private static final int MIN_PASSWORD_LENGTH = 8;
    /** Auth0's own name for the Management API, which Auth0's tools recognise. */
    static final String MANAGEMENT_API_NAME = "Auth0 Management API";
    static final List<String> MANAGEMENT_SCOPES = managementScopes();

    private Bootstrap() {}

    private static List<String> managementScopes() {
        var scopes = new ArrayList<String>();
        for (String resource : List.of("clients", "resource_servers", "client_grants", "hooks", "logs", "signing_keys")) {
            for (String verb : List.of("read", "create", "update", "delete")) scopes.add(verb + ":" + resource);
        }
        scopes.add("read:client_keys");
        scopes.add("update:client_keys");
        return List.copyOf(scopes);
    }

    /**
     * Credentials created by this start, to print once: the admin application's ({@code clientId} null when it
     * already existed) and the dashboard user's password (null when the user already existed).
     */
    record AdminCredentials(String clientId, String clientSecret, boolean generated, String password,
                            boolean passwordGenerated) {
        AdminCredentials withPassword(String password, boolean generated) {
            return new AdminCredentials(clientId, clientSecret, this.generated, password, generated);
        }
    }

    static AdminCredentials run(Store store, Config config, Map<String, String> env, Instant now, CryptoProvider crypto) {
        if (store.read(StoreTx::hasDashboardUsers)) return runApplication(store, config, env, now, crypto);
        String password = env.getOrDefault("TOKENHOOK_ADMIN_PASSWORD", "");
        boolean generated = password.isEmpty();
        if (generated) password = Passwords.generate();
        if (password.length() < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("TOKENHOOK_ADMIN_PASSWORD must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        // Argon2 is slow on purpose: it runs on the other core while this one makes the key and the application,
        // and outside any transaction
        String secret = password;
        var hashing = CompletableFuture.supplyAsync(() -> Passwords.hash(secret));
        AdminCredentials app = runApplication(store, config, env, now, crypto);
        var user = new DashboardUser(DASHBOARD_USER, hashing.join(), now, now);
        boolean created = store.write(tx -> {
            if (tx.hasDashboardUsers()) return false;
            tx.insertDashboardUser(user);
            return true;
        });
        if (!created) return app;
        return (app == null ? new AdminCredentials(null, null, false, null, false) : app).withPassword(password, generated);
    }

    private static AdminCredentials runApplication(Store store, Config config, Map<String, String> env, Instant now,
                                                   CryptoProvider crypto) {
        String audience = config.managementAudience();
        return store.write(tx -> {
            if (tx.signingKeys().stream().noneMatch(k -> k.alg().equals("RS256") && k.inService())) {
                tx.insertSigningKey(KeyGenerator.generate("RS256", now, crypto).withCurrentSince(now));
            }
            ensureManagementApi(tx, audience, now);
            if (tx.clients().stream().anyMatch(Client::system)) return null;
            String id = env.getOrDefault("TOKENHOOK_ADMIN_CLIENT_ID", "");
            String secret = env.getOrDefault("TOKENHOOK_ADMIN_CLIENT_SECRET", "");
            boolean generated = id.isBlank() || secret.isBlank();
            if (generated) {
                id = Ids.clientId();
                secret = Ids.clientSecret();
            }
            tx.insertClient(new Client(id, "Tokenhook Admin", "Bootstrap administrator: full Management API access",
                    "non_interactive", List.of("client_credentials"), "client_secret_post", Map.of(), true,
                    ClientAuthenticator.hash(secret), true, Map.of(), now, now));
            tx.insertClientGrant(new ClientGrant(Ids.clientGrantId(), id, audience, MANAGEMENT_SCOPES, now, now));
            return new AdminCredentials(id, secret, generated, null, false);
        });
    }

    /**
     * The system API must carry {@code {issuer}api/v2/}; when the issuer changed, it moves with its grants. It is
     * named as Auth0 names it, which is how Auth0's tools (auth0-deploy-cli) know to leave it alone.
     */
    private static void ensureManagementApi(StoreTx tx, String audience, Instant now) {
        var system = tx.resourceServers().stream().filter(ResourceServer::system).toList();
        if (system.size() == 1 && system.get(0).identifier().equals(audience)) {
            var api = system.get(0);
            if (!api.name().equals(MANAGEMENT_API_NAME)) {   // stores from before the rename
                tx.updateResourceServer(new ResourceServer(api.id(), api.identifier(), MANAGEMENT_API_NAME, api.scopes(),
                        api.signingAlg(), api.signingSecret(), api.tokenLifetime(), true, api.extra(), api.createdAt(), now));
            }
            return;
        }
        var systemClients = tx.clients().stream().filter(Client::system).map(Client::clientId).toList();
        for (var old : system) {
            LOG.warn("issuer changed: moving the Management API from {} to {}", old.identifier(), audience);
            tx.deleteClientGrantsOfAudience(old.identifier());
            tx.deleteResourceServer(old.id());
        }
        var scopes = MANAGEMENT_SCOPES.stream().map(s -> new ResourceServer.Scope(s, null)).toList();
        tx.insertResourceServer(new ResourceServer(Ids.resourceServerId(), audience, MANAGEMENT_API_NAME, scopes,
                "RS256", null, ResourceServer.DEFAULT_TOKEN_LIFETIME, true, Map.of(), now, now));
        for (String clientId : systemClients) {
            tx.insertClientGrant(new ClientGrant(Ids.clientGrantId(), clientId, audience, MANAGEMENT_SCOPES, now, now));
        }
    }

    /** Prints the new admin credentials and, when generated, writes them to {@code admin-credentials.json} (0600). */
    static void announce(AdminCredentials creds, Config config, PrintStream out) {
        if (creds == null) return;
        Path file = config.dataDir().resolve("admin-credentials.json");
        if (creds.generated() || creds.passwordGenerated()) {
            var json = new LinkedHashMap<String, Object>(creds.generated() ? Map.of() : readExisting(file));
            json.put("url", config.issuer());
            json.put("audience", config.managementAudience());
            if (creds.generated()) {
                json.put("client_id", creds.clientId());
                json.put("client_secret", creds.clientSecret());
            }
            if (creds.passwordGenerated()) {
                json.put("dashboard_user", DASHBOARD_USER);
                json.put("dashboard_password", creds.password());
            }
            writePrivate(file, json);
        }
        if (creds.clientId() != null) announceApplication(creds, config, file, out);
        if (creds.password() != null) {
            if (creds.clientId() == null) out.println();
            out.println("Tokenhook dashboard (shown once):");
            out.println("  url:           " + config.issuer());
            out.println("  user:          " + DASHBOARD_USER);
            if (creds.passwordGenerated()) {
                out.println("  password:      " + creds.password());
                out.println("  saved to:      " + file.toAbsolutePath() + " (mode 0600)");
            } else {
                out.println("  password:      (from TOKENHOOK_ADMIN_PASSWORD)");
            }
            out.println();
        }
    }

    private static void announceApplication(AdminCredentials creds, Config config, Path file, PrintStream out) {
        out.println();
        out.println("Tokenhook admin application (shown once):");
        out.println("  client_id:     " + creds.clientId());
        if (creds.generated()) {
            out.println("  client_secret: " + creds.clientSecret());
            out.println("  saved to:      " + file.toAbsolutePath() + " (mode 0600)");
        } else {
            out.println("  client_secret: (from TOKENHOOK_ADMIN_CLIENT_SECRET)");
        }
        out.println("  audience:      " + config.managementAudience());
        out.println();
    }

    /** What an earlier start saved (kept when a later one adds the dashboard password). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> readExisting(Path file) {
        try {
            return Files.exists(file) ? new ObjectMapper().readValue(file.toFile(), Map.class) : Map.of();
        } catch (IOException e) {
            return Map.of();
        }
    }

    private static void writePrivate(Path file, Map<String, Object> json) {
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(file, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(json),
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warn("could not write {}: {}", file, e.getMessage());
        }
    }
}
