package io.tokenhook.fuzz.gen;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Collections ({@code C}: a list or an array) of {@code minSize} to {@code maxSize} elements; replaces the former
 * library's list and array arbitraries (see {@link Arbitrary} why). One draw in {@value #EDGE_PERCENT}% has the minimum or maximum size.
 */
public final class SizedArbitrary<T, C> implements Arbitrary<C> {
    static final int DEFAULT_MAX_SIZE = 255;
    private static final int EDGE_PERCENT = 5;

    private final Arbitrary<T> elements;
    private final Function<List<T>, C> build;
    private final int minSize;
    private final int maxSize;

    SizedArbitrary(Arbitrary<T> elements, Function<List<T>, C> build, int minSize, int maxSize) {
        if (minSize < 0 || maxSize < minSize) throw new IllegalArgumentException("sizes " + minSize + ".." + maxSize);
        this.elements = elements;
        this.build = build;
        this.minSize = minSize;
        this.maxSize = maxSize;
    }

    public SizedArbitrary<T, C> ofMinSize(int min) {
        return new SizedArbitrary<>(elements, build, min, Math.max(min, maxSize));
    }

    public SizedArbitrary<T, C> ofMaxSize(int max) {
        return new SizedArbitrary<>(elements, build, minSize, max);
    }

    @Override
    public C generate(Random random) {
        int size = Edges.size(random, minSize, maxSize, EDGE_PERCENT);
        var values = new ArrayList<T>(size);
        for (int i = 0; i < size; i++) values.add(elements.generate(random));
        return build.apply(values);
    }
}
