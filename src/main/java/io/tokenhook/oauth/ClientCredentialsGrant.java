package io.tokenhook.oauth;

import io.tokenhook.tenant.Client;
import io.tokenhook.tenant.ClientGrant;
import io.tokenhook.tenant.ResourceServer;
import io.tokenhook.tenant.TenantSnapshot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Decides a Client Credentials Grant access-token request, RFC 6749 §4.4.2: may this client have a token for
 * this audience, and with which scopes (RFC 6749 §3.3).
 */
public final class ClientCredentialsGrant {
    public static final String GRANT_TYPE = "client_credentials";

    private ClientCredentialsGrant() {}

    /** What the grant allows, before any hook. {@code scopes} is empty when nothing is granted. */
    public record Decision(Client client, ResourceServer api, ClientGrant grant, List<String> scopes, List<String> requested) {}

    public static Decision decide(TenantSnapshot snapshot, Client client, TokenRequest request) {
        if (!client.allowsGrant(GRANT_TYPE)) {
            throw new OAuthError(403, "unauthorized_client", "Grant type 'client_credentials' not allowed for the client.");
        }
        String audience = request.audience();             // audience (REQUIRED: there is no default audience)
        if (audience == null || audience.isEmpty()) {
            throw OAuthError.accessDenied("No audience parameter was provided, and no default audience has been configured");
        }
        ResourceServer api = snapshot.api(audience)
                .orElseThrow(() -> OAuthError.accessDenied("Service not enabled within domain: " + audience));
        ClientGrant grant = snapshot.grant(client.clientId(), audience)
                .orElseThrow(() -> OAuthError.accessDenied("Client is not authorized to access \"" + audience
                        + "\". You need to create a \"client-grant\" associated to this API."));
        List<String> requested = requestedScopes(request.scope());   // scope (OPTIONAL)
        if (requested.isEmpty()) return new Decision(client, api, grant, grant.scope(), requested);
        var missing = new ArrayList<String>();
        for (String s : requested) if (!grant.scope().contains(s)) missing.add(s);
        if (!missing.isEmpty()) {
            throw OAuthError.accessDenied("Client has not been granted scopes: " + String.join(" ", missing));
        }
        return new Decision(client, api, grant, requested, requested);
    }

    /** Splits the scope parameter, checking each token against the RFC 6749 §3.3 character set. */
    static List<String> requestedScopes(String scope) {
        if (scope == null || scope.isBlank()) return List.of();
        var tokens = new LinkedHashSet<String>();
        for (String token : Arrays.asList(scope.trim().split(" +"))) {
            for (int i = 0; i < token.length(); i++) {
                char c = token.charAt(i);
                if (c < 0x21 || c == 0x22 || c == 0x5c || c > 0x7e) {
                    throw new OAuthError(400, "invalid_scope", "The scope parameter contains an invalid character");
                }
            }
            tokens.add(token);
        }
        return List.copyOf(tokens);
    }
}
