package io.tokenhook.store;

/** The database could not be reached or failed; the caller should answer 503. */
public final class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
