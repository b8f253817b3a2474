package io.tokenhook.hooks;

import java.util.List;
import java.util.Map;

/**
 * What a credentials-exchange hook is told about one exchange. Plain data: it crosses into JavaScript as JSON.
 *
 * @param clientMetadata  the client's {@code client_metadata}
 * @param scopes          the scopes granted so far; null when none (legacy hooks then see {@code undefined})
 * @param requestBody     the token request's parameters without {@code client_secret} and {@code client_assertion}
 * @param grantScopes     every scope of the client grant (Actions-style target scopes are intersected with it)
 * @param requestedScopes the {@code scope} parameter split, empty when absent
 */
public record ExchangeContext(
        String clientId,
        String clientName,
        String tenant,
        Map<String, String> clientMetadata,
        List<String> scopes,
        String audience,
        String ip,
        String userAgent,
        String hostname,
        Map<String, String> requestBody,
        List<String> grantScopes,
        List<String> requestedScopes) {

    public ExchangeContext {
        clientMetadata = clientMetadata == null ? Map.of() : Map.copyOf(clientMetadata);
        scopes = scopes == null ? null : List.copyOf(scopes);
        requestBody = requestBody == null ? Map.of() : Map.copyOf(requestBody);
        grantScopes = grantScopes == null ? List.of() : List.copyOf(grantScopes);
        requestedScopes = requestedScopes == null ? List.of() : List.copyOf(requestedScopes);
    }
}
