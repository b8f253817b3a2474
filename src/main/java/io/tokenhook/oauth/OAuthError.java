package io.tokenhook.oauth;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error response of the token endpoint, RFC 6749 §5.2. The description is shown to the client, so it never
 * carries a secret or an internal detail.
 */
public final class OAuthError extends RuntimeException {
    private final int status;
    private final String error;
    private final boolean basicChallenge;
    private final Map<String, String> headers;

    public OAuthError(int status, String error, String description) {
        this(status, error, description, false, Map.of());
    }

    private OAuthError(int status, String error, String description, boolean basicChallenge, Map<String, String> headers) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
        this.basicChallenge = basicChallenge;
        this.headers = Map.copyOf(headers);
    }

    public static OAuthError invalidRequest(String description) {
        return new OAuthError(400, "invalid_request", description);
    }

    /** 401 invalid_client; with {@code basic} the response carries {@code WWW-Authenticate: Basic}. */
    public static OAuthError invalidClient(String description, boolean basic) {
        return new OAuthError(401, "invalid_client", description, basic, Map.of());
    }

    /** 429 too_many_requests with {@code headers} ({@code Retry-After}, {@code X-RateLimit-*}). */
    public static OAuthError tooManyRequests(String description, Map<String, String> headers) {
        return new OAuthError(429, "too_many_requests", description, false, headers);
    }

    public static OAuthError accessDenied(String description) {
        return new OAuthError(403, "access_denied", description);
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public String description() {
        return getMessage();
    }

    public boolean basicChallenge() {
        return basicChallenge;
    }

    /** Response headers that go with this error, beside {@code WWW-Authenticate}. */
    public Map<String, String> headers() {
        return headers;
    }

    public Map<String, Object> body() {
        var body = new LinkedHashMap<String, Object>();
        body.put("error", error);
        body.put("error_description", getMessage());
        return body;
    }
}
