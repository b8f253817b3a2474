package io.tokenhook.fuzz;

import io.tokenhook.fuzz.ApiRoutes.BodyKind;
import io.tokenhook.fuzz.ApiRoutes.Route;
import io.tokenhook.fuzz.FuzzRequest.Header;
import io.tokenhook.fuzz.JsonFuzz.Members;
import io.tokenhook.fuzz.gen.Arbitraries;
import io.tokenhook.fuzz.gen.Arbitrary;
import io.tokenhook.fuzz.gen.Combinators;
import io.tokenhook.fuzz.gen.Weighted;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Management API requests: a route from {@link ApiRoutes} (by weight), its path filled with a real or a made-up id,
 * a query string and a body that start from what the route wants and are bent from there, and mostly the admin's
 * token, so that the requests get past authentication to the handlers.
 */
final class ApiRequests {
    private static final String PREFIX = "/api/v2";

    private static final Arbitrary<String> QUERY_EXTRA = Arbitraries.frequencyOf(Weighted.of(19, Arbitraries.just("")),
            Weighted.of(1, Arbitraries.of("?", "?&&", "?=", "?a", "?page=1&page=2", "?%25=1", "?fields=")));
    private static final Arbitrary<Extra> EXTRAS = Arbitraries.frequencyOf(
            Weighted.of(16, Arbitraries.just(new Extra(null, null, -1))),
            Weighted.of(2, Combinators.combine(FuzzStrings.any(), JsonFuzz.any(1)).as((k, v) -> new Extra(k, v, -1))),
            Weighted.of(2, Arbitraries.integers().between(0, 20).map(i -> new Extra(null, null, i))));
    private static final Arbitrary<byte[]> HUGE = Arbitraries.integers().between(66_000, 300_000)
            .map(n -> JsonFuzz.bytes(JsonFuzz.members("name", "x".repeat(n))));

    private final Fixtures f;
    private final Arbitrary<FuzzRequest> requests;

    ApiRequests(Fixtures fixtures) {
        this.f = fixtures;
        // one arbitrary per route, built once, not per draw
        this.requests = Arbitraries.frequencyOf(new ApiRoutes(fixtures).all().stream().map(r -> Weighted.of(r.weight(), request(r))).toList());
    }

    Arbitrary<FuzzRequest> any() {
        return requests;
    }

    private Arbitrary<FuzzRequest> request(Route route) {
        return Combinators.combine(method(route), path(route), query(route), body(route), HttpFuzz.headers(), authorization())
                .as((method, path, query, body, headers, auth) -> {
                    var all = new ArrayList<>(headers);
                    auth.ifPresent(a -> all.add(new Header("Authorization", a)));
                    body.contentType().ifPresent(t -> all.add(new Header("Content-Type", t)));
                    return new FuzzRequest(method, PREFIX + path + query, all, body.bytes());
                });
    }

    /** The route's method mostly; now and then another, which must get 404 or 405 in the same envelope. */
    private static Arbitrary<String> method(Route route) {
        return Arbitraries.frequencyOf(Weighted.of(19, Arbitraries.just(route.method())), Weighted.of(1, HttpFuzz.methods()));
    }

    private Arbitrary<String> path(Route route) {
        if (route.ids() == ApiRoutes.Ids.NONE) return Arbitraries.just(route.template());
        List<String> real = switch (route.ids()) {
            case API -> List.of(f.apiId(), f.audience(), f.systemApiId(), f.managementAudience());
            case CLIENT -> List.of(f.clientId());
            case GRANT -> List.of(f.grantId(), f.adminGrantId());
            case HOOK -> List.of(f.hookId(), f.otherHookId());
            case KID -> f.kids();
            case LOG -> f.logIds();
            case NONE -> List.of();
        };
        var id = Arbitraries.frequencyOf(Weighted.of(3, Arbitraries.of(real)), Weighted.of(2, FuzzStrings.any().filter(s -> !s.isEmpty())));
        return id.map(value -> route.template().replaceFirst("\\{k?id}", java.util.regex.Matcher.quoteReplacement(FuzzStrings.encode(value))));
    }

    /** The route's parameters, some with good values and some with any, now and then an unknown or repeated one. */
    private static Arbitrary<String> query(Route route) {
        var params = new ArrayList<Arbitrary<Optional<String>>>();
        route.query().forEach((name, good) -> params.add(Arbitraries.frequencyOf(
                Weighted.of(6, Arbitraries.just(Optional.<String>empty())),
                Weighted.of(3, good.map(v -> Optional.of(name + "=" + FuzzStrings.encode(v)))),
                Weighted.of(1, FuzzStrings.any().map(v -> Optional.of(name + "=" + FuzzStrings.encode(v)))))));
        params.add(Arbitraries.frequencyOf(Weighted.of(9, Arbitraries.just(Optional.<String>empty())),
                Weighted.of(1, Combinators.combine(FuzzStrings.any(), FuzzStrings.any())
                        .as((k, v) -> Optional.of(FuzzStrings.encode(k) + "=" + FuzzStrings.encode(v))))));
        var query = Combinators.combine(params).as(list -> {
            var parts = list.stream().flatMap(Optional::stream).toList();
            return parts.isEmpty() ? "" : "?" + String.join("&", parts);
        });
        return Combinators.combine(query, QUERY_EXTRA).as(String::concat);
    }

    /** A body: JSON bytes and the content type they are sent as (none when empty). */
    record Body(byte[] bytes, Optional<String> contentType) {}

    private Arbitrary<Body> body(Route route) {
        Arbitrary<byte[]> bytes = switch (route.bodyKind()) {
            case NONE -> Arbitraries.frequencyOf(Weighted.of(17, Arbitraries.just(new byte[0])), Weighted.of(3, JsonFuzz.any(2).map(JsonFuzz::bytes)));
            case FIELDS -> bent(Arbitraries.oneOf(valid(route), bent(route)).map(m -> (Object) m));
            case STRING_MAP -> bent(JsonFuzz.objectOf(Arbitraries.oneOf(Arbitraries.of("FUZZ_SECRET", "API_KEY"), FuzzStrings.word(),
                    FuzzStrings.any()), Arbitraries.oneOf(FuzzStrings.any(), JsonFuzz.wrong()), 4).map(m -> (Object) m));
            case STRING_ARRAY -> bent(Arbitraries.oneOf(Arbitraries.of("FUZZ_SECRET", "API_KEY"), FuzzStrings.any()).list().ofMaxSize(3)
                    .map(l -> (Object) l));
        };
        return Combinators.combine(bytes, HttpFuzz.contentTypes()).as((b, type) ->
                new Body(b, b.length == 0 && route.bodyKind() == BodyKind.NONE ? Optional.empty() : type.header("application/json")));
    }

    /** The route's body as it should be mostly; broken at the byte level, any JSON, empty or over the limit now and then. */
    private static Arbitrary<byte[]> bent(Arbitrary<Object> shaped) {
        return Arbitraries.frequencyOf(
                Weighted.of(14, shaped.map(JsonFuzz::bytes)),
                Weighted.of(2, Combinators.combine(shaped, JsonFuzz.mutations()).as((v, m) -> m.apply(JsonFuzz.bytes(v)))),
                Weighted.of(2, JsonFuzz.any(3).map(JsonFuzz::bytes)),
                Weighted.of(1, Arbitraries.just(new byte[0])),
                Weighted.of(1, HUGE));
    }

    /** Every required field with a good value, some optional ones too. */
    private static Arbitrary<Members> valid(Route route) {
        var members = new ArrayList<Arbitrary<Optional<Map.Entry<String, Object>>>>();
        route.fields().forEach((name, good) -> {
            var entry = good.map(v -> Optional.of(Map.entry(name, v)));
            members.add(route.required().contains(name) ? entry
                    : Arbitraries.oneOf(Arbitraries.just(Optional.<Map.Entry<String, Object>>empty()), entry));
        });
        return Combinators.combine(members).as(list -> new Members(list.stream().flatMap(Optional::stream).toList()));
    }

    /** Fields left out, of the wrong type, null or extreme; now and then an unknown one or one given twice. */
    private static Arbitrary<Members> bent(Route route) {
        var members = new ArrayList<Arbitrary<Optional<Map.Entry<String, Object>>>>();
        route.fields().forEach((name, good) -> members.add(Arbitraries.frequencyOf(
                Weighted.of(8, Arbitraries.just(Optional.<Map.Entry<String, Object>>empty())),
                Weighted.of(8, good.map(v -> Optional.of(Map.entry(name, v)))),
                Weighted.of(3, JsonFuzz.wrong().map(v -> Optional.of(Map.entry(name, v)))),
                Weighted.of(1, Arbitraries.just(Optional.of(Map.entry(name, (Object) JsonFuzz.NULL)))))));
        return Combinators.combine(Combinators.combine(members).as(list -> new Members(list.stream().flatMap(Optional::stream).toList())), EXTRAS)
                .as((m, extra) -> extra.applyTo(m));
    }

    /** A member added to an object: an unknown one ({@code key}), or the {@code repeat}-th one again. */
    private record Extra(String key, Object value, int repeat) {
        Members applyTo(Members m) {
            if (key != null) return m.with(key, value);
            if (repeat < 0 || m.entries().isEmpty()) return m;
            var again = m.entries().get(repeat % m.entries().size());
            return m.with(again.getKey(), again.getValue());
        }
    }

    /** The admin's token mostly; none, a read-only one or garbage now and then. */
    private Arbitrary<Optional<String>> authorization() {
        return Arbitraries.frequencyOf(
                Weighted.of(85, Arbitraries.just(Optional.of("Bearer " + FuzzRequest.ADMIN))),
                Weighted.of(5, Arbitraries.just(Optional.of("Bearer " + f.readOnlyToken()))),
                Weighted.of(3, Arbitraries.just(Optional.<String>empty())),
                Weighted.of(7, HttpFuzz.garbageAuthorization().map(Optional::of)));
    }
}
