package io.tokenhook.fuzz;

import io.tokenhook.fuzz.FuzzRequest.Header;
import io.tokenhook.fuzz.JsonFuzz.Members;
import io.tokenhook.fuzz.JsonFuzz.Mutation;
import io.tokenhook.support.TestServer;
import io.tokenhook.fuzz.gen.Arbitraries;
import io.tokenhook.fuzz.gen.Arbitrary;
import io.tokenhook.fuzz.gen.Combinators;
import io.tokenhook.fuzz.gen.Weighted;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Token requests ({@code POST /oauth/token}): parameters that are often right (the fixture application, its
 * secret, its API), written as a form or as JSON, with or without Basic credentials, then bent: other grant types,
 * repeated or extra parameters, values of the wrong JSON type, bad percent-escapes, invalid UTF-8, odd charsets.
 * Each part is drawn on its own and the request put together from them, so each part varies on its own.
 */
final class TokenRequests {
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String JSON = "application/json";
    private static final Arbitrary<String> METHOD = Arbitraries.frequencyOf(Weighted.of(23, Arbitraries.just("POST")),
            Weighted.of(2, HttpFuzz.methods()));
    private static final Arbitrary<String> TARGET = Arbitraries.frequencyOf(
            Weighted.of(30, Arbitraries.just("/oauth/token")),
            Weighted.of(1, Arbitraries.just("/oauth/token/")),
            Weighted.of(1, FuzzStrings.any().map(q -> "/oauth/token?" + FuzzStrings.encode(q) + "=x")),
            Weighted.of(1, FuzzStrings.any().filter(s -> !s.isEmpty()).map(s -> "/oauth/" + FuzzStrings.encode(s))));

    private final Arbitrary<FuzzRequest> requests;

    TokenRequests(Fixtures fixtures) {
        this.requests = Combinators.combine(params(fixtures), Encoding.ALL, HttpFuzz.contentTypes(), Auth.ALL, METHOD, TARGET,
                HttpFuzz.headers()).as(TokenRequests::request);
    }

    Arbitrary<FuzzRequest> any() {
        return requests;
    }

    private static FuzzRequest request(List<Param> params, Encoding encoding, HttpFuzz.ContentType type, Auth auth,
                                       String method, String target, List<Header> headers) {
        var all = new ArrayList<>(headers);
        type.header(encoding.usualType()).ifPresent(t -> all.add(new Header("Content-Type", t)));
        auth.header(params).ifPresent(a -> all.add(new Header("Authorization", a)));
        return new FuzzRequest(method, target, all, encoding.encode(auth.bodyParams(params)));
    }

    /** One parameter: name and value (values other than strings in JSON bodies). */
    record Param(String name, Object value) {
        String text() {
            return value instanceof String s ? s : new String(JsonFuzz.bytes(value), StandardCharsets.UTF_8);
        }
    }

    // ---- parameters

    private static Arbitrary<List<Param>> params(Fixtures f) {
        var client = Arbitraries.frequencyOf(
                Weighted.of(50, Arbitraries.just(Optional.of(Map.entry(f.clientId(), f.clientSecret())))),
                Weighted.of(10, Arbitraries.just(Optional.of(Map.entry(TestServer.ADMIN_ID, TestServer.ADMIN_SECRET)))),
                Weighted.of(25, Combinators.combine(FuzzStrings.any(), FuzzStrings.any()).as((id, secret) -> Optional.of(Map.entry(id, secret)))),
                Weighted.of(15, Arbitraries.just(Optional.<Map.Entry<String, String>>empty())));
        var grant = Arbitraries.frequencyOf(Weighted.of(85, Arbitraries.just("client_credentials")),
                Weighted.of(15, Arbitraries.oneOf(Arbitraries.of("password", "authorization_code", "refresh_token", "",
                        "urn:ietf:params:oauth:grant-type:jwt-bearer", "CLIENT_CREDENTIALS", "client_credentials "), FuzzStrings.any())));
        var audience = Arbitraries.frequencyOf(Weighted.of(50, Arbitraries.just(Optional.of(f.audience()))),
                Weighted.of(10, Arbitraries.just(Optional.of(f.managementAudience()))),
                Weighted.of(20, FuzzStrings.any().map(Optional::of)), Weighted.of(20, Arbitraries.just(Optional.<String>empty())));
        var scope = Arbitraries.frequencyOf(Weighted.of(40, Arbitraries.just(Optional.<String>empty())),
                Weighted.of(30, Arbitraries.of("read:fuzz", "read:fuzz write:fuzz", "write:fuzz", "  read:fuzz  ", "read:clients").map(Optional::of)),
                Weighted.of(30, FuzzStrings.any().map(Optional::of)));
        // the right secret, a wrong one, or none
        var secret = Arbitraries.frequencyOf(Weighted.of(70, Arbitraries.just(0)), Weighted.of(15, Arbitraries.just(1)), Weighted.of(15, Arbitraries.just(2)));
        return Combinators.combine(grant, client, secret, audience, scope, extras()).as((g, c, variant, aud, sc, extra) -> {
            var params = new ArrayList<Param>();
            params.add(new Param("grant_type", g));
            c.ifPresent(e -> {
                params.add(new Param("client_id", e.getKey()));
                if (variant == 0) params.add(new Param("client_secret", e.getValue()));
                else if (variant == 1) params.add(new Param("client_secret", e.getValue() + "x"));
            });
            aud.ifPresent(a -> params.add(new Param("audience", a)));
            sc.ifPresent(s -> params.add(new Param("scope", s)));
            params.addAll(extra);
            return List.copyOf(params);
        });
    }

    /** Extra parameters: unknown ones, a repeated one, values of other JSON types. */
    private static Arbitrary<List<Param>> extras() {
        var unknown = Combinators.combine(FuzzStrings.any(), FuzzStrings.any()).as((k, v) -> List.of(new Param(k, v)));
        var repeated = Combinators.combine(Arbitraries.of("grant_type", "client_id", "client_secret", "audience", "scope"), FuzzStrings.any())
                .as((k, v) -> List.of(new Param(k, v)));
        var typed = Combinators.combine(Arbitraries.of("grant_type", "client_id", "audience", "scope", "x"), JsonFuzz.wrong())
                .as((k, v) -> List.of(new Param(k, v)));
        return Arbitraries.frequencyOf(Weighted.of(14, Arbitraries.just(List.of())), Weighted.of(2, unknown), Weighted.of(2, repeated),
                Weighted.of(2, typed));
    }

    // ---- bodies

    /** How the parameters become a body, and the body's usual content type. */
    record Encoding(Kind kind, Mutation mutation, Object json, byte[] raw, String junk) {
        enum Kind { FORM, FORM_RAW, FORM_BAD_ESCAPE, JSON, FORM_MUTATED, JSON_MUTATED, ANY_JSON, BYTES, EMPTY, HUGE }

        static final Arbitrary<Encoding> ALL = Arbitraries.frequencyOf(
                Weighted.of(36, kind(Kind.FORM)),
                Weighted.of(4, kind(Kind.FORM_RAW)),
                Weighted.of(5, Arbitraries.of("%", "%4", "%zz", "%ff", "%c3%28", "%00", "&&", "=", "+", "%u0041", "&=&")
                        .map(junk -> new Encoding(Kind.FORM_BAD_ESCAPE, null, null, null, junk))),
                Weighted.of(30, kind(Kind.JSON)),
                Weighted.of(5, JsonFuzz.mutations().map(m -> new Encoding(Kind.FORM_MUTATED, m, null, null, null))),
                Weighted.of(5, JsonFuzz.mutations().map(m -> new Encoding(Kind.JSON_MUTATED, m, null, null, null))),
                Weighted.of(5, JsonFuzz.any(3).map(v -> new Encoding(Kind.ANY_JSON, null, v, null, null))),
                Weighted.of(5, Arbitraries.bytes().array(byte[].class).ofMaxSize(200).map(b -> new Encoding(Kind.BYTES, null, null, b, null))),
                Weighted.of(3, kind(Kind.EMPTY)),
                Weighted.of(2, Arbitraries.integers().between(60_000, 200_000).map(n -> new Encoding(Kind.HUGE, null, null, null, "x".repeat(n)))));

        private static Arbitrary<Encoding> kind(Kind kind) {
            return Arbitraries.just(new Encoding(kind, null, null, null, null));
        }

        String usualType() {
            return switch (kind) {
                case JSON, JSON_MUTATED, ANY_JSON -> JSON;
                default -> FORM;
            };
        }

        byte[] encode(List<Param> params) {
            return switch (kind) {
                case FORM -> form(params, true);
                case FORM_RAW -> form(params, false);
                case FORM_BAD_ESCAPE -> JsonFuzz.concat(form(params, true), ("&" + junk).getBytes(StandardCharsets.US_ASCII));
                case JSON -> json(params);
                case FORM_MUTATED -> mutation.apply(form(params, true));
                case JSON_MUTATED -> mutation.apply(json(params));
                case ANY_JSON -> JsonFuzz.bytes(json);
                case BYTES -> raw;
                case EMPTY -> new byte[0];
                case HUGE -> ("scope=" + junk).getBytes(StandardCharsets.US_ASCII);
            };
        }

        /** Properly percent-encoded, or raw (spaces, '&' and non-ASCII as they are). */
        private static byte[] form(List<Param> params, boolean escape) {
            return params.stream()
                    .map(p -> escape ? FuzzStrings.encode(p.name()) + "=" + FuzzStrings.encode(p.text()) : p.name() + "=" + p.text())
                    .collect(Collectors.joining("&")).getBytes(StandardCharsets.UTF_8);
        }

        private static byte[] json(List<Param> params) {
            return JsonFuzz.bytes(new Members(params.stream().map(p -> Map.entry(p.name(), p.value())).toList()));
        }
    }

    // ---- authentication

    /**
     * The client's credentials in the body, or in a Basic header (as RFC 6749 §2.3.1 encodes them, or not), now
     * and then in both; or a garbage Authorization header.
     */
    record Auth(Kind kind, String garbage) {
        enum Kind { BODY, BODY_AND_GARBAGE, BASIC, BASIC_UNENCODED, BASIC_AND_BODY }

        static final Arbitrary<Auth> ALL = Arbitraries.frequencyOf(
                Weighted.of(79, Arbitraries.just(new Auth(Kind.BODY, null))),
                Weighted.of(9, HttpFuzz.garbageAuthorization().map(g -> new Auth(Kind.BODY_AND_GARBAGE, g))),
                Weighted.of(6, Arbitraries.just(new Auth(Kind.BASIC, null))),
                Weighted.of(3, Arbitraries.just(new Auth(Kind.BASIC_UNENCODED, null))),
                Weighted.of(3, Arbitraries.just(new Auth(Kind.BASIC_AND_BODY, null))));

        Optional<String> header(List<Param> params) {
            String id = first(params, "client_id"), secret = first(params, "client_secret");
            return switch (kind) {
                case BODY -> Optional.empty();
                case BODY_AND_GARBAGE -> Optional.of(garbage);
                case BASIC, BASIC_AND_BODY -> Optional.of(HttpFuzz.basic(id, secret));
                case BASIC_UNENCODED -> Optional.of("Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8)));
            };
        }

        /** The body's parameters: without the secret when it went in the header alone. */
        List<Param> bodyParams(List<Param> params) {
            return kind == Kind.BASIC || kind == Kind.BASIC_UNENCODED
                    ? params.stream().filter(p -> !p.name().equals("client_secret")).toList() : params;
        }

        private static String first(List<Param> params, String name) {
            return params.stream().filter(p -> p.name().equals(name)).map(Param::text).findFirst().orElse("");
        }
    }
}
