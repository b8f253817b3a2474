package io.tokenhook.store;

/** A write broke a uniqueness rule (duplicate identifier, grant or name). */
public final class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }
}
