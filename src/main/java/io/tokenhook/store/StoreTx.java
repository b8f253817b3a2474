package io.tokenhook.store;

import io.tokenhook.tenant.Client;
import io.tokenhook.tenant.ClientGrant;
import io.tokenhook.tenant.Hook;
import io.tokenhook.tenant.ResourceServer;
import io.tokenhook.tenant.SigningKey;

import java.util.List;
import java.util.Optional;

/**
 * Configuration reads and writes inside one transaction of {@link Store#read} or {@link Store#write}.
 * Inserts throw {@link ConflictException} on a duplicate unique key; updates and deletes return false
 * when the row does not exist.
 */
public interface StoreTx {
    List<Client> clients();
    Optional<Client> client(String clientId);
    void insertClient(Client client);
    boolean updateClient(Client client);
    boolean deleteClient(String clientId);

    List<ResourceServer> resourceServers();
    Optional<ResourceServer> resourceServer(String id);
    Optional<ResourceServer> resourceServerByIdentifier(String identifier);
    void insertResourceServer(ResourceServer api);
    boolean updateResourceServer(ResourceServer api);
    boolean deleteResourceServer(String id);

    List<ClientGrant> clientGrants();
    Optional<ClientGrant> clientGrant(String id);
    void insertClientGrant(ClientGrant grant);
    boolean updateClientGrant(ClientGrant grant);
    boolean deleteClientGrant(String id);
    int deleteClientGrantsOfClient(String clientId);
    int deleteClientGrantsOfAudience(String audience);

    List<Hook> hooks();
    Optional<Hook> hook(String id);
    /** Inserts the hook and its secrets. */
    void insertHook(Hook hook);
    /** Replaces the hook's fields and its whole set of secrets. */
    boolean updateHook(Hook hook);
    boolean deleteHook(String id);

    List<SigningKey> signingKeys();
    void insertSigningKey(SigningKey key);
    boolean updateSigningKey(SigningKey key);

    Optional<DashboardUser> dashboardUser(String name);
    boolean hasDashboardUsers();
    void insertDashboardUser(DashboardUser user);
}
