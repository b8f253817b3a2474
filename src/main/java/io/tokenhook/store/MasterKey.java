package io.tokenhook.store;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The 256-bit key that secrets are stored under (AES-256-GCM, NIST SP 800-38D). A sealed value is the text
 * {@code v1:<key id>:<base64 of 12-byte nonce | ciphertext | 16-byte tag>}: the version names the algorithm, the key
 * id names the master key, so a store can tell a wrong key from a damaged value, and a rotation can be checked.
 * The associated data binds each value to its row and column (see {@link SecretColumn}), so a value moved to
 * another row, or a changed prefix, fails to open.
 *
 * <p>Encryption and the key id use two keys derived from the master key with HMAC-SHA256 under different labels:
 * the id reveals nothing about the encryption key. Nonces are random: a key seals far fewer than the 2^32 values
 * under which random 96-bit nonces are safe (NIST SP 800-38D §8.3). {@link #toString()} never shows the key.
 */
public final class MasterKey {
    public static final int BYTES = 32;
    private static final String VERSION = "v1";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;
    private final SecretKeySpec encryptionKey;
    private final String id;

    private MasterKey(byte[] key) {
        this.key = key.clone();
        this.encryptionKey = new SecretKeySpec(derive(key, "tokenhook secrets at rest v1 aes-256-gcm"), "AES");
        this.id = HexFormat.of().formatHex(derive(key, "tokenhook master key id"), 0, 8);
    }

    public static MasterKey generate() {
        var bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return new MasterKey(bytes);
    }

    /**
     * The key written as base64 (as {@code openssl rand -base64 32} prints it) in {@code where}, named in the message
     * when it is not 32 bytes of base64: the message never contains the text.
     */
    public static MasterKey fromBase64(String text, String where) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + " is not base64: it must hold 32 random bytes in base64 (openssl rand -base64 32)");
        }
        if (bytes.length != BYTES) {
            throw new IllegalArgumentException(where + " holds " + bytes.length + " bytes; a master key is 32 random bytes in base64 (openssl rand -base64 32)");
        }
        return new MasterKey(bytes);
    }

    /** 16 hex digits that name this key in sealed values and messages; not secret. */
    public String id() {
        return id;
    }

    public String toBase64() {
        return Base64.getEncoder().encodeToString(key);
    }

    /** Seals {@code plaintext} for the row {@code aad} names; a fresh random nonce each time. */
    String seal(String plaintext, byte[] aad) {
        var nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        String header = VERSION + ":" + id + ":";
        try {
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(header, aad));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            var out = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
            return header + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available: " + e.getMessage(), e);
        }
    }

    /**
     * Opens a value {@link #seal} made for the same row. Throws {@link SealedValueException} naming what is wrong: not a
     * sealed value, another key's, or altered (or moved from another row); never returns garbage.
     */
    String open(String sealed, byte[] aad) {
        String[] parts = sealed.split(":", 3);
        if (parts.length != 3 || !parts[0].equals(VERSION)) throw new SealedValueException("is not a value sealed by this Tokenhook (" + VERSION + ")");
        if (!parts[1].equals(id)) throw new SealedValueException("is sealed under master key " + parts[1] + ", not under this key (" + id + ")");
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new SealedValueException("is damaged (not base64)");
        }
        if (bytes.length < NONCE_BYTES + TAG_BITS / 8) throw new SealedValueException("is damaged (too short)");
        try {
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData(parts[0] + ":" + parts[1] + ":", aad));
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new SealedValueException("does not authenticate: it was altered, or moved from another row");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available: " + e.getMessage(), e);
        }
    }

    private static byte[] associatedData(String header, byte[] row) {
        byte[] h = header.getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(h.length + row.length).put(h).put(row).array();
    }

    private static byte[] derive(byte[] key, String label) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(label.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "MasterKey[" + id + "]";
    }

    /** A stored value that does not open under this key; the message says why, without the value. */
    static final class SealedValueException extends RuntimeException {
        SealedValueException(String reason) {
            super(reason, null, false, false);
        }
    }
}
