package io.tokenhook.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The server's public endpoints: the token endpoint, discovery and the JWKS. */
final class OAuthClient {
    private final Http http;
    private final String baseUrl;

    OAuthClient(Http http, String baseUrl) {
        this.http = http;
        this.baseUrl = baseUrl;
    }

    String baseUrl() {
        return baseUrl;
    }

    /**
     * A client credentials exchange (RFC 6749 §4.4.2) with client_secret_post, as the seed page's "Test your
     * hook" does; returns the token response or throws the server's refusal as one line.
     */
    JsonNode exchange(String clientId, String clientSecret, String audience, String scope) {
        var form = new LinkedHashMap<String, String>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", clientId);
        form.put("client_secret", clientSecret);
        form.put("audience", audience);
        if (scope != null) form.put("scope", scope);
        var request = Http.request(baseUrl + "oauth/token").timeout(Http.TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form))).build();
        Http.Reply reply = http.exchange(request);
        if (!reply.ok()) throw Http.refusal(reply.status(), reply.body());
        if (reply.body() == null || !reply.body().hasNonNull("access_token")) {
            throw CliException.failure(baseUrl + "oauth/token did not return an access token; is " + baseUrl + " a Tokenhook server?");
        }
        return reply.body();
    }

    /**
     * The Management API's audience, {@code {issuer}api/v2/}: the issuer comes from the discovery document, so a
     * server reached at another address than its public URL still works; without discovery, the URL's own form.
     */
    String managementAudience() {
        var request = Http.request(baseUrl + ".well-known/openid-configuration").timeout(Http.TIMEOUT).GET().build();
        Http.Reply reply = http.exchange(request);
        String issuer = reply.ok() && reply.body() != null ? reply.body().path("issuer").asText("") : "";
        if (issuer.isEmpty()) issuer = baseUrl;
        return (issuer.endsWith("/") ? issuer : issuer + "/") + "api/v2/";
    }

    /** The published JWKS document. */
    String jwks() {
        var request = Http.request(baseUrl + ".well-known/jwks.json").timeout(Http.TIMEOUT).GET().build();
        var response = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) throw CliException.failure("cannot read " + baseUrl + ".well-known/jwks.json: HTTP " + response.statusCode());
        return response.body();
    }

    private static String form(Map<String, String> params) {
        return params.entrySet().stream().map(e -> Urls.encode(e.getKey()) + "=" + Urls.encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }
}
