package io.tokenhook.dashboard;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Dashboard passwords: Argon2id (RFC 9106) with OWASP's parameters (19 MiB, 2 passes, 1 lane), stored as PHC
 * strings so that the parameters travel with each hash and can be raised later without a migration.
 */
public final class Passwords {
    private static final int MEMORY_KIB = 19 * 1024;
    private static final int ITERATIONS = 2;
    private static final int PARALLELISM = 1;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * Checked when the user does not exist, so that an unknown name costs as much as a wrong password. Made on first
     * use (a holder class): an Argon2 hash at class loading would sit on every start's path.
     */
    private static final class Dummy {
        static final String HASH = hash("not a password: only here to spend the same time");
    }

    private Passwords() {}

    /** A new salted Argon2id hash of {@code password} in PHC format. */
    public static String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] out = derive(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES);
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$"
                + B64.encodeToString(salt) + "$" + B64.encodeToString(out);
    }

    /** True when {@code password} matches {@code encoded}; a null or malformed hash never matches. */
    public static boolean verify(String password, String encoded) {
        var m = PHC.matcher(encoded == null ? Dummy.HASH : encoded);
        if (!m.matches()) m = PHC.matcher(Dummy.HASH);
        if (!m.matches()) return false;
        byte[] expected = B64D.decode(m.group(5));
        byte[] actual = derive(password == null ? "" : password, B64D.decode(m.group(4)), Integer.parseInt(m.group(1)),
                Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), expected.length);
        return encoded != null && MessageDigest.isEqual(expected, actual);
    }

    /** Spends the time of one verification; for unknown user names. */
    static void verifyDummy(String password) {
        verify(password, null);
    }

    /** A random password for the first start: 24 characters from an alphabet without look-alikes. */
    public static String generate() {
        String alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var sb = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            if (i > 0 && i % 6 == 0) sb.append('-');
            sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private static byte[] derive(String password, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
        var params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib).withIterations(iterations).withParallelism(parallelism)
                .withSalt(salt).build();
        var generator = new Argon2BytesGenerator();
        generator.init(params);
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
