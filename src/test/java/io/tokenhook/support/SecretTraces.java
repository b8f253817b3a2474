package io.tokenhook.support;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The forms a secret can take in stolen bytes: itself, its bytes as raw text, hex (either case) and base64 (standard
 * and URL alphabets, at each of the three alignments it can have inside a longer encoded value). A test collects the
 * secrets it knows and checks that none of their forms is in a dump.
 */
public final class SecretTraces {
    /** The private members of RSA, EC and OKP JWKs (RFC 7518 §6.3.2, §6.2.2; RFC 8037 §2). */
    private static final List<String> PRIVATE_JWK_MEMBERS = List.of("d", "p", "q", "dp", "dq", "qi");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, byte[]> secrets = new LinkedHashMap<>();

    /** A secret known as text (client secret, hook secret, HS256 signing secret). */
    public SecretTraces text(String label, String secret) {
        secrets.put(label, secret.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** The private members of a JWK: each as its base64url text and as the bytes it encodes. */
    public SecretTraces privateJwk(String label, String jwk) {
        try {
            var node = JSON.readTree(jwk);
            int found = 0;
            for (String member : PRIVATE_JWK_MEMBERS) {
                if (!node.has(member)) continue;
                String value = node.get(member).asText();
                secrets.put(label + "." + member, value.getBytes(StandardCharsets.US_ASCII));
                secrets.put(label + "." + member + " (decoded)", Base64.getUrlDecoder().decode(value));
                found++;
            }
            assertThat(found).as("private members of " + label).isPositive();
        } catch (java.io.IOException e) {
            throw new AssertionError("not a JWK: " + label, e);
        }
        return this;
    }

    /** Fails naming the secret and the form when any form of any secret is in {@code dump} (read as ISO-8859-1). */
    public void assertNoneIn(String dump) {
        for (var secret : secrets.entrySet()) {
            for (var form : forms(secret.getValue()).entrySet()) {
                assertThat(dump.contains(form.getValue())).as(secret.getKey() + " as " + form.getKey()).isFalse();
            }
        }
    }

    private static Map<String, String> forms(byte[] secret) {
        var forms = new LinkedHashMap<String, String>();
        forms.put("raw bytes", new String(secret, StandardCharsets.ISO_8859_1));
        forms.put("hex", HexFormat.of().formatHex(secret));
        forms.put("HEX", HexFormat.of().withUpperCase().formatHex(secret));
        for (int shift = 0; shift < 3; shift++) {
            forms.put("base64 at offset " + shift, base64Core(Base64.getEncoder(), secret, shift));
            forms.put("base64url at offset " + shift, base64Core(Base64.getUrlEncoder(), secret, shift));
        }
        return forms;
    }

    /**
     * The characters of the base64 of {@code secret} preceded by {@code shift} other bytes that depend on the secret's
     * bytes only: the same wherever in a longer value the secret sits at that alignment.
     */
    private static String base64Core(Base64.Encoder encoder, byte[] secret, int shift) {
        var shifted = new byte[shift + secret.length];
        System.arraycopy(secret, 0, shifted, shift, secret.length);
        String encoded = encoder.withoutPadding().encodeToString(shifted);
        int from = (shift * 8 + 5) / 6;                 // first character without bits of the bytes before
        int to = (shifted.length * 8) / 6;              // last character without bits of the bytes after
        return encoded.substring(from, Math.max(from, to));
    }

    /** The labels of the secrets collected, for a test to check it looked for what it meant to. */
    public List<String> labels() {
        return new ArrayList<>(secrets.keySet());
    }
}
