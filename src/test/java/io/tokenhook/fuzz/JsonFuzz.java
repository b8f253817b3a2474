package io.tokenhook.fuzz;

import io.tokenhook.fuzz.gen.Arbitraries;
import io.tokenhook.fuzz.gen.Arbitrary;
import io.tokenhook.fuzz.gen.Combinators;
import io.tokenhook.fuzz.gen.Weighted;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * JSON as a fuzzer writes it. Values are Java objects: {@link String}, {@link Boolean}, {@link List}, {@link Members}
 * (an object, which may repeat a key) and {@link Raw} (written verbatim: numbers of any size, escapes such as a
 * lone surrogate, {@code null}). Bodies may then be broken at the byte level: cut, spliced with invalid UTF-8,
 * nested past any limit.
 */
final class JsonFuzz {
    /** A JSON object's members in order; a key may occur twice. */
    record Members(List<Map.Entry<String, Object>> entries) {
        Members with(String key, Object value) {
            var all = new ArrayList<>(entries);
            all.add(Map.entry(key, value));
            return new Members(all);
        }
    }

    /** An object of {@code key, value, key, value...} in this order. */
    static Members members(Object... pairs) {
        var entries = new ArrayList<Map.Entry<String, Object>>();
        for (int i = 0; i < pairs.length; i += 2) entries.add(Map.entry((String) pairs[i], pairs[i + 1]));
        return new Members(entries);
    }

    /** Text written into the JSON as it is. */
    record Raw(String literal) {}

    static final Raw NULL = new Raw("null");
    private static final String[] NUMBERS = {"0", "-0", "1", "-1", "1.5", "1e2", "1E+2", "0.0000001", "2147483647", "2147483648",
            "-2147483649", "9223372036854775807", "9223372036854775808", "123456789012345678901234567890", "1e309", "-1e309",
            "1e-400", "4.9e-324", "1" + "0".repeat(1_200), "0." + "1".repeat(1_200)};
    /** Not JSON, or JSON that few parsers like: each should be refused cleanly. */
    private static final String[] BROKEN = {"NaN", "Infinity", "-", "01", "1.", ".5", "1e", "+1", "0x10", "\"\\ud800\"",
            "\"\\udfff\\ud800\"", "\"\\u0000\"", "\"\\uZZZZ\"", "\"\\x41\"", "\"tab\there\"", "'single'", "undefined", "[1,]",
            "{\"a\":1,}", "[", "{", "\"unterminated", "//comment\n1", "/*c*/1"};
    private static final byte[][] BAD_UTF8 = {{(byte) 0xff}, {(byte) 0xc3, 0x28}, {(byte) 0xe2, (byte) 0x82}, {(byte) 0xc0, (byte) 0xaf},
            {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xfe, (byte) 0xfe}, {0}};

    private static final Arbitrary<Raw> NUMBER = Arbitraries.frequencyOf(
            Weighted.of(3, Arbitraries.of(NUMBERS).map(Raw::new)),
            Weighted.of(2, Arbitraries.longs().map(l -> new Raw(Long.toString(l)))),
            Weighted.of(1, Arbitraries.doubles().map(d -> new Raw(Double.toString(d)))));
    private static final Arbitrary<Object> SCALAR = Arbitraries.frequencyOf(
            Weighted.of(5, FuzzStrings.any().map(s -> (Object) s)),
            Weighted.of(3, NUMBER.map(n -> (Object) n)),
            Weighted.of(2, Arbitraries.of(true, false).map(b -> (Object) b)),
            Weighted.of(2, Arbitraries.just((Object) NULL)),
            Weighted.of(1, Arbitraries.of(BROKEN).map(b -> (Object) new Raw(b))));
    private static final int MAX_DEPTH = 3;
    /** {@code ANY.get(d)}: values nested at most d levels; built once, not per draw. */
    private static final List<Arbitrary<Object>> ANY = new ArrayList<>();
    private static final List<Arbitrary<Members>> OBJECT = new ArrayList<>();
    static {
        ANY.add(SCALAR);
        OBJECT.add(objectOf(SCALAR));
        for (int d = 1; d <= MAX_DEPTH; d++) {
            Arbitrary<Object> inner = ANY.get(d - 1);
            var members = objectOf(inner);
            ANY.add(Arbitraries.frequencyOf(
                    Weighted.of(6, SCALAR),
                    Weighted.of(1, inner.list().ofMaxSize(4).map(l -> (Object) l)),
                    Weighted.of(1, members.map(m -> (Object) m))));
            OBJECT.add(members);
        }
    }
    private static final Arbitrary<Object> WRONG = Arbitraries.frequencyOf(
            Weighted.of(4, ANY.get(1)),
            Weighted.of(1, Arbitraries.of(List.of(), List.of(NULL), members(), "", NULL)),
            Weighted.of(1, Arbitraries.integers().between(33, 200).map(JsonFuzz::nested)));

    private JsonFuzz() {}

    private static Arbitrary<Members> objectOf(Arbitrary<Object> values) {
        return objectOf(FuzzStrings.any(), values, 5);
    }

    /** An object of up to {@code maxSize} members; a key may come twice, as it may in a request. */
    static Arbitrary<Members> objectOf(Arbitrary<String> keys, Arbitrary<?> values, int maxSize) {
        return Combinators.combine(keys, values).as((k, v) -> Map.entry(k, (Object) v)).list().ofMaxSize(maxSize).map(Members::new);
    }

    /** Any JSON value, nested at most {@code depth} (up to 3) levels. */
    static Arbitrary<Object> any(int depth) {
        return ANY.get(depth);
    }

    /** A JSON object of random members, nested at most {@code depth} (up to 3) levels. */
    static Arbitrary<Members> object(int depth) {
        return OBJECT.get(depth);
    }

    /** A value of a different kind than a field wants, or an extreme one of the right kind. */
    static Arbitrary<Object> wrong() {
        return WRONG;
    }

    /** {@code [[[ ... ]]]} {@code levels} deep. */
    static Object nested(int levels) {
        Object v = "deep";
        for (int i = 0; i < levels; i++) v = i % 2 == 0 ? List.of(v) : members("a", v);
        return v;
    }

    static byte[] bytes(Object value) {
        var out = new StringBuilder();
        write(value, out);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void write(Object v, StringBuilder out) {
        switch (v) {
            case null -> out.append("null");
            case Raw raw -> out.append(raw.literal());
            case String s -> string(s, out);
            case Boolean b -> out.append(b);
            case Number n -> out.append(n);
            case List<?> list -> {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) out.append(',');
                    write(list.get(i), out);
                }
                out.append(']');
            }
            case Members m -> {
                out.append('{');
                for (int i = 0; i < m.entries().size(); i++) {
                    if (i > 0) out.append(',');
                    string(m.entries().get(i).getKey(), out);
                    out.append(':');
                    write(m.entries().get(i).getValue(), out);
                }
                out.append('}');
            }
            default -> throw new IllegalArgumentException("not a JSON value: " + v.getClass());
        }
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    // controls and surrogates as escapes, so a lone surrogate reaches the parser instead of a '?'
                    if (c < 0x20 || Character.isSurrogate(c)) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        out.append('"');
    }

    /** One way of breaking a body at the byte level; {@code at} is taken modulo the body's length. */
    record Mutation(Kind kind, int at, byte[] bytes) {
        enum Kind { CUT, INSERT, REPLACE_BYTE, APPEND, PREPEND }

        byte[] apply(byte[] body) {
            int position = at % (body.length + 1);
            return switch (kind) {
                case CUT -> java.util.Arrays.copyOf(body, position);
                case INSERT -> splice(body, position, 0, bytes);
                case REPLACE_BYTE -> body.length == 0 ? bytes : splice(body, Math.min(position, body.length - 1), 1, bytes);
                case APPEND -> concat(body, bytes);
                case PREPEND -> concat(bytes, body);
            };
        }
    }

    private static final Arbitrary<Integer> AT = Arbitraries.integers().between(0, 100_000);
    private static final Arbitrary<Mutation> MUTATIONS = Arbitraries.oneOf(
            AT.map(at -> new Mutation(Mutation.Kind.CUT, at, new byte[0])),
            Combinators.combine(AT, Arbitraries.of(BAD_UTF8)).as((at, bad) -> new Mutation(Mutation.Kind.INSERT, at, bad)),
            Combinators.combine(AT, Arbitraries.bytes()).as((at, b) -> new Mutation(Mutation.Kind.REPLACE_BYTE, at, new byte[] {b})),
            Arbitraries.of("{}", " x", "]", "}", "\u0000", ",")
                    .map(t -> new Mutation(Mutation.Kind.APPEND, 0, t.getBytes(StandardCharsets.UTF_8))),
            Arbitraries.of(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, new byte[] {(byte) 0xfe, (byte) 0xff, 0})
                    .map(bom -> new Mutation(Mutation.Kind.PREPEND, 0, bom)));

    /** Ways to break a body: cut short, invalid UTF-8 spliced in, one byte changed, trailing junk, a byte order mark. */
    static Arbitrary<Mutation> mutations() {
        return MUTATIONS;
    }

    static byte[] splice(byte[] body, int at, int remove, byte[] insert) {
        var out = new ByteArrayOutputStream();
        out.write(body, 0, at);
        out.write(insert, 0, insert.length);
        out.write(body, at + remove, body.length - at - remove);
        return out.toByteArray();
    }

    static byte[] concat(byte[] a, byte[] b) {
        return splice(a, a.length, 0, b);
    }
}
