package io.tokenhook.management;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** Identifier and secret formats, matching Auth0's shapes. */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private Ids() {}

    /** 32 alphanumeric characters, like an Auth0 client_id. */
    public static String clientId() {
        return alnum(32);
    }

    /** 256 bits of randomness, base64url without padding (43 characters). */
    public static String clientSecret() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** 24 hex digits, like an Auth0 resource server id. */
    public static String resourceServerId() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    public static String clientGrantId() {
        return "cgr_" + alnum(16);
    }

    /** 26 characters, time-ordered like a ULID, as Auth0 hook ids are. */
    public static String hookId() {
        long time = System.currentTimeMillis();
        var sb = new StringBuilder(26);
        for (int i = 9; i >= 0; i--) sb.append(CROCKFORD[(int) (time >>> (i * 5)) & 31]);
        for (int i = 0; i < 16; i++) sb.append(CROCKFORD[RANDOM.nextInt(32)]);
        return sb.toString();
    }

    /** Auth0's shapes, checked when a migration brings its own identifiers. */
    static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    static final Pattern RESOURCE_SERVER_ID = Pattern.compile("[0-9a-f]{24}");
    static final Pattern CLIENT_GRANT_ID = Pattern.compile("cgr_[A-Za-z0-9]{16}");
    static final Pattern HOOK_ID = Pattern.compile("[0-9A-Za-z]{26}");

    /**
     * The identifier a create request brings ({@code property}, e.g. from an Auth0 export made with
     * {@code AUTH0_EXPORT_IDENTIFIERS}) when it has Auth0's shape, else a new one. Clients and scripts keep
     * working after a migration when their ids do not change.
     */
    static String givenOr(JsonBody body, String property, Pattern shape, Supplier<String> generate) {
        String given = body.string(property, 1, 64);
        if (given == null) return generate.get();
        if (!shape.matcher(given).matches()) JsonBody.fail(property, "Identifiers must match " + shape.pattern());
        return given;
    }

    private static String alnum(int length) {
        var sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) sb.append(ALNUM[RANDOM.nextInt(ALNUM.length)]);
        return sb.toString();
    }
}
