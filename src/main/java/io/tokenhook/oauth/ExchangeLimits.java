package io.tokenhook.oauth;

/**
 * The abuse limits of the token endpoint: request rates per source address and per presented client id, and the
 * back-off after failed client authentication. The token path calls these on every request, so an implementation
 * keeps its state in memory, answers in constant time and never waits for I/O.
 *
 * <p>A refusal is thrown as {@link OAuthError#tooManyRequests}: 429 {@code too_many_requests} with
 * {@code Retry-After}. Refused requests are not written to the log, so a flood cannot fill it.
 */
public interface ExchangeLimits {
    /** No limits. */
    ExchangeLimits NONE = new ExchangeLimits() {
        @Override public void admitAddress(String address) {}
        @Override public void admitClient(String clientId, String address) {}
        @Override public void authenticated(String clientId, String address) {}
        @Override public void authenticationFailed(String clientId, String address) {}
    };

    /** Counts a request from {@code address} before it is parsed; throws 429 when the address is over its rate. */
    void admitAddress(String address);

    /**
     * Counts a request for {@code clientId} (as presented, possibly unknown) before it is authenticated; throws 429
     * when the client id is over its rate, or when this client id from this address must wait after failures.
     */
    void admitClient(String clientId, String address);

    /** {@code clientId} authenticated from {@code address}: its failures there are forgotten. */
    void authenticated(String clientId, String address);

    /** {@code clientId} (unknown, or with a wrong or missing secret) failed to authenticate from {@code address}. */
    void authenticationFailed(String clientId, String address);
}
