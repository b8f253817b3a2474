package io.tokenhook.fuzz.gen;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Where arbitraries start: fixed values, choices, numbers, strings. Replaces the former library's {@code Arbitraries}
 * (see {@link Arbitrary} why) with the same names, so the generators read as before.
 */
public final class Arbitraries {
    private static final int EDGE_PERCENT = 8;
    private static final long[] LONG_EDGES = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE};
    private static final double[] DOUBLE_EDGES = {0.0, -0.0, 1.0, -1.0, Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE};

    private Arbitraries() {}

    /** One of {@code values}, each as likely. */
    @SafeVarargs
    public static <T> Arbitrary<T> of(T... values) {
        return of(List.of(values));
    }

    public static <T> Arbitrary<T> of(Collection<T> values) {
        var all = List.copyOf(values);
        if (all.isEmpty()) throw new IllegalArgumentException("nothing to choose from");
        return random -> all.get(random.nextInt(all.size()));
    }

    public static <T> Arbitrary<T> just(T value) {
        return random -> value;
    }

    /** A value of one of the arbitraries, each as likely. */
    @SafeVarargs
    public static <T> Arbitrary<T> oneOf(Arbitrary<? extends T> first, Arbitrary<? extends T>... rest) {
        var all = new ArrayList<Arbitrary<? extends T>>();
        all.add(first);
        all.addAll(List.of(rest));
        return random -> all.get(random.nextInt(all.size())).generate(random);
    }

    /** A value of one of the arbitraries, each picked as often as its weight says. */
    @SafeVarargs
    public static <T> Arbitrary<T> frequencyOf(Weighted<T>... choices) {
        return frequencyOf(List.of(choices));
    }

    public static <T> Arbitrary<T> frequencyOf(List<Weighted<T>> choices) {
        var all = List.copyOf(choices);
        int total = all.stream().mapToInt(Weighted::weight).sum();
        if (total <= 0) throw new IllegalArgumentException("no weight to choose by");
        return random -> {
            int pick = random.nextInt(total);
            for (var choice : all) {
                if (pick < choice.weight()) return choice.arbitrary().generate(random);
                pick -= choice.weight();
            }
            throw new AssertionError("unreachable");
        };
    }

    public static IntegerArbitrary integers() {
        return new IntegerArbitrary(Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /** Any long; now and then 0, ±1, the minimum or the maximum. */
    public static Arbitrary<Long> longs() {
        return random -> random.nextInt(100) < EDGE_PERCENT ? LONG_EDGES[random.nextInt(LONG_EDGES.length)] : random.nextLong();
    }

    /** Doubles of any magnitude (10^-10 to 10^300), sign, and now and then 0, -0, ±1, the smallest and the largest. */
    public static Arbitrary<Double> doubles() {
        return random -> {
            if (random.nextInt(100) < EDGE_PERCENT) return DOUBLE_EDGES[random.nextInt(DOUBLE_EDGES.length)];
            double magnitude = random.nextDouble() * Math.pow(10, random.nextInt(-10, 301));
            return random.nextBoolean() ? magnitude : -magnitude;
        };
    }

    /** Any byte; now and then 0, -128 or 127. */
    public static Arbitrary<Byte> bytes() {
        return random -> random.nextInt(100) < EDGE_PERCENT
                ? new byte[] {0, Byte.MIN_VALUE, Byte.MAX_VALUE}[random.nextInt(3)]
                : (byte) random.nextInt(256);
    }

    /** Strings of no chars yet: add them with {@code alpha()}, {@code withCharRange(...)}, {@code all()}... */
    public static StringArbitrary strings() {
        return new StringArbitrary(List.of(), 0, 255);
    }
}
