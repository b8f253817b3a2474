package io.tokenhook.fuzz;

import io.tokenhook.fuzz.FuzzRequest.Header;
import io.tokenhook.fuzz.gen.Arbitraries;
import io.tokenhook.fuzz.gen.Arbitrary;
import io.tokenhook.fuzz.gen.Combinators;
import io.tokenhook.fuzz.gen.Weighted;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** The HTTP parts every surface shares: methods, content types with their parameters, headers, broken credentials. */
final class HttpFuzz {
    private static final String[] CHARSETS = {"; charset=utf-8", "; charset=UTF-8", "; charset=\"utf-8\"", "; charset=iso-8859-1",
            "; charset=utf-16", "; charset=", "; charset", ";", "; boundary=x", "; charset=utf-8; q=1", ";charset=utf-8 ", "; charset=ébc", "; charset=no-such-charset"};
    private static final String[] OTHER_TYPES = {"text/plain", "application/xml", "multipart/form-data; boundary=x",
            "application/x-www-form-urlencoded", "application/json", "application/jsonx", "APPLICATION/JSON", "application/merge-patch+json",
            "*/*", "application", "/", " ", "application/json\t", "text/html; charset=utf-8"};

    private static final Arbitrary<String> METHODS = Arbitraries.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS",
            "TRACE", "PROPFIND", "FUZZ");
    private static final Arbitrary<ContentType> CONTENT_TYPES = Arbitraries.frequencyOf(
            Weighted.of(80, Arbitraries.just(new ContentType("", null, false))),
            Weighted.of(8, Arbitraries.of(CHARSETS).map(parameters -> new ContentType(parameters, null, false))),
            Weighted.of(8, Arbitraries.of(OTHER_TYPES).map(other -> new ContentType("", other, false))),
            Weighted.of(4, Arbitraries.just(new ContentType("", null, true))));
    private static final Arbitrary<String> HEADER_VALUE = Arbitraries.oneOf(
            Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(60),
            Arbitraries.strings().withCharRange('\u00a0', '\u00ff').withChars(" \t").ofMaxLength(20),
            Arbitraries.integers().between(1_000, 9_000).map("v"::repeat)
    ).filter(v -> !ResponseChecks.mentionsMarker(v));
    private static final Arbitrary<List<Header>> HEADERS = Arbitraries.frequencyOf(
            Weighted.of(3, Arbitraries.just(List.<Header>of())),
            Weighted.of(1, Combinators.combine(Arbitraries.of("User-Agent", "X-Forwarded-For", "Cookie", "Origin", "Accept",
                    "Accept-Charset", "Accept-Encoding", "X-CSRF-Token", "Last-Event-ID", "X-Fuzz", "Forwarded", "Referer"),
                    HEADER_VALUE).as(Header::new).list().ofMaxSize(3)));
    private static final Arbitrary<byte[]> SOME_BYTES = Arbitraries.bytes().array(byte[].class).ofMaxSize(40);
    private static final Arbitrary<String> GARBAGE_AUTHORIZATION = Arbitraries.oneOf(
            Arbitraries.of("Bearer", "Bearer ", "Bearer x", "bearer a.b.c", "Basic", "Basic ", "Basic !!!", "Basic Og==", "Digest x",
                    "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", "Bearer eyJhbGciOiJIUzI1NiJ9.e30.ZmFrZQ", "Basic dXNlcg==",
                    "Basic " + "QUFB".repeat(2_000), "Bearer " + "a".repeat(8_000), "Bearer ..", "Negotiate abc", " "),
            SOME_BYTES.map(b -> "Basic " + Base64.getEncoder().encodeToString(b)),
            SOME_BYTES.map(b -> "Bearer " + Base64.getUrlEncoder().withoutPadding().encodeToString(b)),
            Combinators.combine(Arbitraries.of("Basic ", "Bearer ", "basic ", ""), HEADER_VALUE).as(String::concat));

    private HttpFuzz() {}

    static Arbitrary<String> methods() {
        return METHODS;
    }

    /** How a body's Content-Type is sent: its usual type, that with odd parameters, another type, or none. */
    record ContentType(String parameters, String other, boolean none) {
        Optional<String> header(String usual) {
            return none ? Optional.empty() : Optional.of(other != null ? other : usual + parameters);
        }
    }

    static Arbitrary<ContentType> contentTypes() {
        return CONTENT_TYPES;
    }

    /** A header value as HTTP/1.1 lets one through: visible ASCII, spaces, tabs and Latin-1. */
    static Arbitrary<String> headerValue() {
        return HEADER_VALUE;
    }

    /** Headers a client may add: odd user agents, forwarded addresses, cookies, origins, accept lists. */
    static Arbitrary<List<Header>> headers() {
        return HEADERS;
    }

    /** Authorization headers that must never authenticate anyone. */
    static Arbitrary<String> garbageAuthorization() {
        return GARBAGE_AUTHORIZATION;
    }

    /** Basic credentials as RFC 6749 §2.3.1 writes them: each part form-encoded, then base64. */
    static String basic(String user, String password) {
        String pair = FuzzStrings.encode(user) + ":" + FuzzStrings.encode(password);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }
}
