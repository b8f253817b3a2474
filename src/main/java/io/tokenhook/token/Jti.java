package io.tokenhook.token;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Token ids: 128 random bits as 32 hex digits. Each thread draws from its own DRBG, seeded once from the system:
 * {@code UUID.randomUUID()} shares one {@code SecureRandom} that reads the kernel under a lock on every call, which
 * showed in the exchange's profile.
 */
final class Jti {
    private static final HexFormat HEX = HexFormat.of();
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(Jti::drbg);

    private Jti() {}

    static String next() {
        byte[] bytes = new byte[16];
        RANDOM.get().nextBytes(bytes);
        return HEX.formatHex(bytes);
    }

    private static SecureRandom drbg() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }
}
