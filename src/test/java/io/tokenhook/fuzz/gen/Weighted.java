package io.tokenhook.fuzz.gen;

/**
 * An arbitrary and how often {@link Arbitraries#frequencyOf} picks it; replaces the former
 * library's {@code Tuple.of(weight, arbitrary)} (see {@link Arbitrary} why).
 */
public record Weighted<T>(int weight, Arbitrary<T> arbitrary) {
    public Weighted {
        if (weight < 0) throw new IllegalArgumentException("weight " + weight);
    }

    public static <T> Weighted<T> of(int weight, Arbitrary<T> arbitrary) {
        return new Weighted<>(weight, arbitrary);
    }
}
