package io.tokenhook.oauth;

import java.util.Map;

/**
 * A parsed token request, before any decision. Fields are null when the parameter was absent.
 *
 * @param basicAuth  true when the credentials came in an HTTP Basic header (client_secret_basic)
 * @param parameters every body parameter, for the hook's {@code context.body}, minus client credentials
 */
public record TokenRequest(
        String grantType,
        String clientId,
        String clientSecret,
        String audience,
        String scope,
        boolean basicAuth,
        Map<String, String> parameters) {

    public TokenRequest {
        parameters = Map.copyOf(parameters);
    }

    @Override
    public String toString() {
        // never print the secret
        return "TokenRequest[grantType=" + grantType + ", clientId=" + clientId + ", audience=" + audience
                + ", scope=" + scope + ", basicAuth=" + basicAuth + "]";
    }
}
