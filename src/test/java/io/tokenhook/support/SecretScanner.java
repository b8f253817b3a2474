package io.tokenhook.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds secrets in text: each secret as written, form-encoded, and base64-encoded (both alphabets) at any of the
 * three byte alignments it can have inside a longer encoded string, which is how a secret sits in an HTTP Basic
 * header ({@code base64(id:secret)}). Each line is read once: every position's first {@value #KEY} characters are
 * looked up among the searched strings' first characters, and only those that share them are compared.
 */
public final class SecretScanner {
    private static final int KEY = TestSecrets.MIN_LENGTH;

    /** One string searched for: the secret itself or one of its encodings. */
    private record Needle(String text, String secret, TestSecrets.Kind kind, String encoding) {}

    /** A secret found on a line: which, how encoded, and where (the line, with the match masked). */
    public record Finding(TestSecrets.Kind kind, String encoding, String where) {
        @Override
        public String toString() {
            return kind + " (" + encoding + ") in: " + where;
        }
    }

    private final Map<String, List<Needle>> byKey = new HashMap<>();
    private long linesRead;

    public SecretScanner(Map<String, TestSecrets.Kind> secrets) {
        secrets.forEach((secret, kind) -> {
            var encodings = new LinkedHashMap<String, String>();   // text -> how it encodes the secret
            encodings.put(secret, "as is");
            if (kind.encoded) {
                encodings.putIfAbsent(URLEncoder.encode(secret, StandardCharsets.UTF_8), "form-encoded");
                byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
                for (int align = 0; align < 3; align++) {
                    encodings.putIfAbsent(base64Core(Base64.getEncoder(), bytes, align), "base64");
                    encodings.putIfAbsent(base64Core(Base64.getUrlEncoder(), bytes, align), "base64url");
                }
            }
            encodings.forEach((text, encoding) -> {
                if (text.length() >= KEY) {
                    byKey.computeIfAbsent(text.substring(0, KEY), k -> new ArrayList<>()).add(new Needle(text, secret, kind, encoding));
                }
            });
        });
    }

    /**
     * The characters of {@code base64(prefix + bytes)} that depend on {@code bytes} alone, for a prefix of
     * {@code align} bytes: whatever surrounds the secret in an encoded string, these characters are in it.
     */
    static String base64Core(Base64.Encoder encoder, byte[] bytes, int align) {
        byte[] padded = new byte[align + bytes.length];
        System.arraycopy(bytes, 0, padded, align, bytes.length);
        String encoded = encoder.encodeToString(padded);
        int first = (8 * align + 5) / 6;                    // the first character whose 6 bits all come from the secret
        int end = 8 * (align + bytes.length) / 6;           // one past the last such character
        return first < end ? encoded.substring(first, end) : "";
    }

    /** The secrets found in {@code line}, each at most once. */
    public List<Finding> scan(String line) {
        linesRead++;
        var found = new LinkedHashSet<Needle>();
        for (int i = 0; i + KEY <= line.length(); i++) {
            List<Needle> candidates = byKey.get(line.substring(i, i + KEY));
            if (candidates == null) continue;
            for (Needle n : candidates) if (line.startsWith(n.text(), i)) found.add(n);
        }
        var findings = new ArrayList<Finding>();
        for (Needle n : found) findings.add(new Finding(n.kind(), n.encoding(), masked(line, found)));
        return findings;
    }

    /** Scans every line of {@code file}. */
    public List<Finding> scan(Path file) {
        var findings = new ArrayList<Finding>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null; ) findings.addAll(scan(line));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return findings;
    }

    public long linesRead() {
        return linesRead;
    }

    /** How many strings are searched for: the secrets and their encodings. */
    public int searchedStrings() {
        return byKey.values().stream().mapToInt(List::size).sum();
    }

    /**
     * The line with what was found replaced by its kind, so the report leaks nothing itself, cut to 150 characters
     * either side of the first find.
     */
    private static String masked(String line, Set<Needle> found) {
        String out = line;
        for (Needle n : found) out = out.replace(n.text(), "<" + n.kind() + ">");
        int at = out.indexOf("<" + found.iterator().next().kind() + ">");
        int from = Math.max(0, at - 150);
        int to = Math.min(out.length(), at + 150);
        return (from > 0 ? "..." : "") + out.substring(from, to) + (to < out.length() ? "..." : "");
    }
}
