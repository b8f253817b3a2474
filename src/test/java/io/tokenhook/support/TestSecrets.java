package io.tokenhook.support;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every secret the tests of this run handed to or got from a server: admin and client secrets, hook secret values,
 * HS256 signing secrets, private key parameters, dashboard passwords and session ids, access token signatures.
 * {@link TestServer} registers what passes through it; tests register what it cannot see. {@code SecretLeakTest}
 * scans every log line and event of the run for them.
 *
 * <p>Values shorter than {@value #MIN_LENGTH} characters are not kept: tests use short placeholders ("k", "v") that
 * would match innocent text, and a real secret is longer.
 */
public final class TestSecrets {
    public static final int MIN_LENGTH = 12;

    /** What a secret is, for the report, and whether its encodings are searched too. */
    public enum Kind {
        ADMIN_SECRET(true), CLIENT_SECRET(true), WRONG_SECRET(true), HOOK_SECRET(true), SIGNING_SECRET(true),
        PRIVATE_KEY(true), DASHBOARD_PASSWORD(true), SESSION_ID(true),
        /** An access token's signature: a token is unusable without it, and a token is never re-encoded. */
        ACCESS_TOKEN(false),
        /** Logged on purpose by the scan itself, to prove it finds what it looks for. */
        CANARY(true);

        final boolean encoded;

        Kind(boolean encoded) {
            this.encoded = encoded;
        }
    }

    private static final Map<String, Kind> SECRETS = new ConcurrentHashMap<>();

    private TestSecrets() {}

    /** Remembers {@code value} as a secret of {@code kind}; null and short values are ignored. */
    public static void register(Kind kind, String value) {
        if (value != null && value.length() >= MIN_LENGTH) SECRETS.putIfAbsent(value, kind);
    }

    /** An access token: its signature (the part after the last dot) is what must never be logged. */
    public static void registerToken(String token) {
        if (token != null) register(Kind.ACCESS_TOKEN, token.substring(token.lastIndexOf('.') + 1));
    }

    /** Every secret registered so far, with its kind. */
    public static Map<String, Kind> all() {
        return Map.copyOf(SECRETS);
    }
}
