package io.tokenhook.tenant;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole configuration the token endpoint needs, immutable and indexed for lookups. Built from the store
 * after every committed change and swapped atomically; the token endpoint reads only this.
 */
public final class TenantSnapshot {
    private final long version;
    private final Map<String, Client> clientsById;
    private final Map<String, ResourceServer> apisByIdentifier;
    private final Map<String, ClientGrant> grantsByClientAndAudience;
    private final Map<String, Hook> enabledHookByTrigger;
    private final List<SigningKey> signingKeys;

    public TenantSnapshot(long version, List<Client> clients, List<ResourceServer> apis, List<ClientGrant> grants,
                          List<Hook> hooks, List<SigningKey> signingKeys) {
        this.version = version;
        var clientMap = new HashMap<String, Client>();
        clients.forEach(c -> clientMap.put(c.clientId(), c));
        var apiMap = new HashMap<String, ResourceServer>();
        apis.forEach(a -> apiMap.put(a.identifier(), a));
        var grantMap = new HashMap<String, ClientGrant>();
        grants.forEach(g -> grantMap.put(grantKey(g.clientId(), g.audience()), g));
        var hookMap = new HashMap<String, Hook>();
        hooks.stream().filter(Hook::enabled).forEach(h -> hookMap.put(h.triggerId(), h));
        this.clientsById = Map.copyOf(clientMap);
        this.apisByIdentifier = Map.copyOf(apiMap);
        this.grantsByClientAndAudience = Map.copyOf(grantMap);
        this.enabledHookByTrigger = Map.copyOf(hookMap);
        this.signingKeys = List.copyOf(new ArrayList<>(signingKeys));
    }

    public static TenantSnapshot empty() {
        return new TenantSnapshot(0, List.of(), List.of(), List.of(), List.of(), List.of());
    }

    private static String grantKey(String clientId, String audience) {
        return clientId + '\n' + audience;
    }

    public long version() {
        return version;
    }

    public Optional<Client> client(String clientId) {
        return Optional.ofNullable(clientsById.get(clientId));
    }

    public Optional<ResourceServer> api(String identifier) {
        return Optional.ofNullable(apisByIdentifier.get(identifier));
    }

    public Optional<ClientGrant> grant(String clientId, String audience) {
        return Optional.ofNullable(grantsByClientAndAudience.get(grantKey(clientId, audience)));
    }

    public Optional<Hook> enabledHook(String triggerId) {
        return Optional.ofNullable(enabledHookByTrigger.get(triggerId));
    }

    public List<SigningKey> signingKeys() {
        return signingKeys;
    }

}
