package io.tokenhook.fuzz.gen;

import java.util.Random;

/**
 * Integers between two bounds (inclusive); replaces the former library's (see {@link Arbitrary} why). One draw in
 * {@value #EDGE_PERCENT}% is a boundary: the minimum, the maximum, or 0 when in range.
 */
public final class IntegerArbitrary implements Arbitrary<Integer> {
    private static final int EDGE_PERCENT = 8;
    private final int min;
    private final int max;

    IntegerArbitrary(int min, int max) {
        if (max < min) throw new IllegalArgumentException("range " + min + ".." + max);
        this.min = min;
        this.max = max;
    }

    public IntegerArbitrary between(int min, int max) {
        return new IntegerArbitrary(min, max);
    }

    @Override
    public Integer generate(Random random) {
        if (Edges.now(random, EDGE_PERCENT)) {
            int[] edges = min <= 0 && 0 <= max ? new int[] {min, max, 0} : new int[] {min, max};
            return edges[random.nextInt(edges.length)];
        }
        return (int) random.nextLong(min, (long) max + 1);
    }
}
