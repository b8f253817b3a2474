package io.tokenhook.fuzz.gen;

import java.util.Random;

/** Boundary values drawn now and then, as the library this package replaces (see {@link Arbitrary}) did. */
final class Edges {
    private Edges() {}

    /** A size or length: {@code min} or {@code max} in {@code edgePercent}% of draws, else uniform in between. */
    static int size(Random random, int min, int max, int edgePercent) {
        if (random.nextInt(100) < edgePercent) return random.nextBoolean() ? min : max;
        return min + random.nextInt(max - min + 1);
    }

    /** {@code true} in {@code edgePercent}% of draws. */
    static boolean now(Random random, int edgePercent) {
        return random.nextInt(100) < edgePercent;
    }
}
