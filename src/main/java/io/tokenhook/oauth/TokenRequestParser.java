package io.tokenhook.oauth;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;

import io.tokenhook.http.Unicode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns the HTTP form of a token request (RFC 6749 §4.4.2) into a {@link TokenRequest}. Accepts
 * {@code application/x-www-form-urlencoded} and {@code application/json} bodies and client_secret_basic or
 * client_secret_post credentials. Strict: repeated parameters, bad encodings and mixed authentication methods
 * are rejected with 400 invalid_request.
 */
public final class TokenRequestParser {
    public static final int MAX_BODY_BYTES = 64 * 1024;
    private static final Set<String> CREDENTIALS = Set.of("client_secret", "client_assertion");
    private static final JsonFactory JSON = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private TokenRequestParser() {}

    /**
     * @param contentType   the Content-Type header, may be null
     * @param body          the raw body, at most {@link #MAX_BODY_BYTES}
     * @param authorization the Authorization header, may be null
     */
    public static TokenRequest parse(String contentType, byte[] body, String authorization) {
        Map<String, String> params = parseBody(mediaType(contentType), body);
        String clientId = params.get("client_id");     // client_id (REQUIRED unless Basic)
        String clientSecret = params.get("client_secret");
        boolean basic = false;
        if (authorization != null && !authorization.isBlank()) {
            String[] credentials = basicCredentials(authorization);
            if (clientSecret != null) {
                throw OAuthError.invalidRequest("Use only one client authentication method: HTTP Basic or client_secret in the body");
            }
            if (clientId != null && !clientId.equals(credentials[0])) {
                throw OAuthError.invalidRequest("client_id in the body does not match the Authorization header");
            }
            clientId = credentials[0];
            clientSecret = credentials[1];
            basic = true;
        }
        var visible = new LinkedHashMap<>(params);
        CREDENTIALS.forEach(visible::remove);
        return new TokenRequest(params.get("grant_type"), clientId, clientSecret, params.get("audience"),
                params.get("scope"), basic, visible);
    }

    private static String mediaType(String contentType) {
        if (contentType == null || contentType.isBlank()) return "";
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
        if (semicolon >= 0) {
            String rest = contentType.substring(semicolon + 1).toLowerCase(Locale.ROOT).replace(" ", "");
            if (rest.startsWith("charset=") && !rest.equals("charset=utf-8") && !rest.equals("charset=\"utf-8\"")) {
                throw OAuthError.invalidRequest("Only UTF-8 request bodies are supported");
            }
        }
        return type;
    }

    private static Map<String, String> parseBody(String mediaType, byte[] body) {
        if (body.length == 0) return Map.of();
        return switch (mediaType) {
            case "application/x-www-form-urlencoded" -> parseForm(body);
            case "application/json" -> parseJson(body);
            default -> throw OAuthError.invalidRequest(
                    "Content-Type must be application/x-www-form-urlencoded or application/json");
        };
    }

    static Map<String, String> parseForm(byte[] body) {
        var params = new LinkedHashMap<String, String>();
        int start = 0;
        for (int i = 0; i <= body.length; i++) {
            if (i == body.length || body[i] == '&') {
                if (i > start) {
                    int eq = indexOf(body, (byte) '=', start, i);
                    String name = decode(body, start, eq < 0 ? i : eq);
                    String value = eq < 0 ? "" : decode(body, eq + 1, i);
                    putOnce(params, name, value);
                }
                start = i + 1;
            }
        }
        return params;
    }

    private static Map<String, String> parseJson(byte[] body) {
        var params = new LinkedHashMap<String, String>();
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw OAuthError.invalidRequest("The JSON body must be an object");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = wellFormed(p.currentName());
                JsonToken value = p.nextToken();
                switch (value) {
                    case VALUE_STRING -> putOnce(params, name, wellFormed(p.getText()));
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE -> putOnce(params, name, p.getText());
                    case VALUE_NULL -> { }
                    default -> throw OAuthError.invalidRequest("Parameter '" + name + "' must be a string");
                }
            }
            if (p.nextToken() != null) throw OAuthError.invalidRequest("Unexpected content after the JSON body");
        } catch (IOException e) {
            String detail = e.getMessage() != null && e.getMessage().startsWith("Duplicate field")
                    ? "A parameter was repeated" : "Malformed JSON body";
            throw OAuthError.invalidRequest(detail);
        }
        return params;
    }

    /** The form decoder refuses bad UTF-8; JSON strings can still hold an unpaired surrogate, which no log can carry. */
    private static String wellFormed(String s) {
        if (!Unicode.wellFormed(s)) throw OAuthError.invalidRequest("The request body is not valid Unicode (an unpaired surrogate)");
        return s;
    }

    private static void putOnce(Map<String, String> params, String name, String value) {
        if (params.putIfAbsent(name, value) != null) {
            throw OAuthError.invalidRequest("Parameter '" + printable(name) + "' was repeated");
        }
    }

    private static String printable(String s) {
        String cut = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }

    private static int indexOf(byte[] body, byte b, int from, int to) {
        for (int i = from; i < to; i++) if (body[i] == b) return i;
        return -1;
    }

    /** application/x-www-form-urlencoded decoding, strict about escapes and UTF-8. */
    private static String decode(byte[] body, int from, int to) {
        if (plainAscii(body, from, to)) {
            return new String(body, from, to - from, StandardCharsets.US_ASCII); // the usual case: nothing to decode
        }
        var out = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte b = body[i];
            if (b == '+') {
                out.write(' ');
            } else if (b == '%') {
                if (i + 2 >= to) throw OAuthError.invalidRequest("Malformed percent-encoding in the body");
                int hi = Character.digit(body[i + 1], 16), lo = Character.digit(body[i + 2], 16);
                if (hi < 0 || lo < 0) throw OAuthError.invalidRequest("Malformed percent-encoding in the body");
                out.write(hi << 4 | lo);
                i += 2;
            } else {
                out.write(b);
            }
        }
        return utf8(out.toByteArray());
    }

    private static boolean plainAscii(byte[] body, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = body[i];
            if (b < 0 || b == '+' || b == '%') return false;
        }
        return true;
    }

    static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw OAuthError.invalidRequest("The request body is not valid UTF-8");
        }
    }

    /** RFC 6749 §2.3.1: Basic credentials are form-urlencoded before base64. */
    private static String[] basicCredentials(String authorization) {
        String value = authorization.trim();
        if (!value.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw OAuthError.invalidClient("Unsupported Authorization scheme; use Basic", true);
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(value.substring(6).trim());
        } catch (IllegalArgumentException e) {
            throw OAuthError.invalidClient("Malformed Basic credentials", true);
        }
        int colon = indexOf(decoded, (byte) ':', 0, decoded.length);
        if (colon <= 0) throw OAuthError.invalidClient("Malformed Basic credentials", true);
        try {
            return new String[] {decode(decoded, 0, colon), decode(decoded, colon + 1, decoded.length)};
        } catch (OAuthError e) {
            throw OAuthError.invalidClient("Malformed Basic credentials", true);
        }
    }
}
