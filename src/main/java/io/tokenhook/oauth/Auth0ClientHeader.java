package io.tokenhook.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code Auth0-Client} telemetry header Auth0's SDKs send: base64 (standard or URL-safe) of
 * {@code {"name":"node-auth0","version":"4.37.1","env":{...}}}. Tokenhook records the SDK's name and version
 * with the exchange ({@code auth0_client} in the log event, as Auth0 does) and otherwise ignores it; a header
 * it cannot read is ignored too, never an error.
 */
final class Auth0ClientHeader {
    static final int MAX_HEADER_CHARS = 2048;
    private static final int MAX_VALUE_CHARS = 64;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** An SDK sends the same header on every call: decode each distinct one once. */
    private static final Cache<String, Optional<Map<String, String>>> DECODED = Caffeine.newBuilder().maximumSize(1_000).build();

    private Auth0ClientHeader() {}

    /** {@code {name, version}} of the SDK, or empty when the header is absent or unreadable. */
    static Optional<Map<String, String>> describe(String header) {
        if (header == null || header.isEmpty() || header.length() > MAX_HEADER_CHARS) return Optional.empty();
        return DECODED.get(header, Auth0ClientHeader::decode);
    }

    private static Optional<Map<String, String>> decode(String header) {
        try {
            byte[] json = Base64.getDecoder().decode(header.trim().replace('-', '+').replace('_', '/'));
            JsonNode node = JSON.readTree(json);
            if (node == null || !node.path("name").isTextual()) return Optional.empty();
            var out = new LinkedHashMap<String, String>();
            out.put("name", printable(node.get("name").textValue()));
            if (node.path("version").isTextual()) out.put("version", printable(node.get("version").textValue()));
            return Optional.of(Map.copyOf(out));
        } catch (IllegalArgumentException | java.io.IOException e) {
            return Optional.empty();
        }
    }

    private static String printable(String s) {
        String cut = s.length() > MAX_VALUE_CHARS ? s.substring(0, MAX_VALUE_CHARS) : s;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
