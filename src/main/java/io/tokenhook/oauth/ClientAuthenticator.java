package io.tokenhook.oauth;

import io.tokenhook.tenant.Client;
import io.tokenhook.tenant.TenantSnapshot;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Authenticates a client by its secret (client_secret_basic / client_secret_post, RFC 6749 §2.3.1).
 * Secrets are 256-bit random values, so a SHA-256 digest compared in constant time is the right cost; a slow
 * password hash would cost more than signing the token.
 */
public final class ClientAuthenticator {
    private static final String FAILED = "Client authentication failed";
    /** Compared against when the client does not exist, so unknown ids take as long as wrong secrets. */
    private static final byte[] DUMMY_HASH = hash("tokenhook-no-such-client");

    private ClientAuthenticator() {}

    public static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** Returns the client, or throws 401 invalid_client with the same description whatever was wrong. */
    public static Client authenticate(TenantSnapshot snapshot, TokenRequest request) {
        if (request.clientId() == null || request.clientId().isEmpty()) {
            throw OAuthError.invalidClient("Missing client_id", request.basicAuth());
        }
        Client client = snapshot.client(request.clientId()).orElse(null);
        byte[] expected = client == null ? DUMMY_HASH : client.secretHash();
        byte[] presented = hash(request.clientSecret() == null ? "" : request.clientSecret());
        boolean match = MessageDigest.isEqual(expected, presented);
        if (client == null || !match || request.clientSecret() == null || "none".equals(client.tokenEndpointAuthMethod())) {
            throw OAuthError.invalidClient(FAILED, request.basicAuth());
        }
        return client;
    }
}
