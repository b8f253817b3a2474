package io.tokenhook.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.Iterator;
import java.util.List;

/** The hook extensibility points ({@code triggerId}), checked before anything is sent, and their completions. */
final class HookTypes implements ITypeConverter<String>, Iterable<String> {
    static final String CREDENTIALS_EXCHANGE = "credentials-exchange";
    static final List<String> ALL = List.of(CREDENTIALS_EXCHANGE, "pre-user-registration", "post-user-registration",
            "post-change-password", "send-phone-message");

    @Override
    public String convert(String value) {
        if (ALL.contains(value)) return value;
        throw new TypeConversionException("unknown hook type '" + value + "'; expected one of: " + String.join(", ", ALL));
    }

    @Override
    public Iterator<String> iterator() {
        return ALL.iterator();
    }

    /** A note for types Tokenhook stores but never runs, or null. */
    static String storedOnly(String type) {
        return CREDENTIALS_EXCHANGE.equals(type) ? null
                : "Tokenhook runs credentials-exchange hooks only; " + type + " hooks are stored (for Auth0 exports) but never run.";
    }
}
