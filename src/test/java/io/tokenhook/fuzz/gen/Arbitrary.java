package io.tokenhook.fuzz.gen;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A generator of values of {@code T}, drawn from a seeded {@link Random} so that a run can be replayed. This package
 * replaces the property-testing library the fuzzer used before, whose maintainer asks that AI coding agents not use it,
 * with the subset of its API the fuzzer needs.
 */
@FunctionalInterface
public interface Arbitrary<T> {
    /** Draws before a filter gives up: a filter that rejects nearly everything is a bug in the generator. */
    int MAX_FILTER_TRIES = 10_000;

    T generate(Random random);

    default <U> Arbitrary<U> map(Function<T, U> mapper) {
        return random -> mapper.apply(generate(random));
    }

    default <U> Arbitrary<U> flatMap(Function<T, Arbitrary<U>> mapper) {
        return random -> mapper.apply(generate(random)).generate(random);
    }

    default Arbitrary<T> filter(Predicate<T> keep) {
        return random -> {
            for (int i = 0; i < MAX_FILTER_TRIES; i++) {
                T value = generate(random);
                if (keep.test(value)) return value;
            }
            throw new IllegalStateException("filter rejected " + MAX_FILTER_TRIES + " values in a row");
        };
    }

    /** Lists of these values, 0 to 255 long unless sized. */
    default SizedArbitrary<T, List<T>> list() {
        return new SizedArbitrary<>(this, ArrayList::new, 0, SizedArbitrary.DEFAULT_MAX_SIZE);
    }

    /** Arrays of these values, primitive ones too ({@code bytes().array(byte[].class)}). */
    default <A> SizedArbitrary<T, A> array(Class<A> arrayClass) {
        return new SizedArbitrary<>(this, values -> {
            Object array = Array.newInstance(arrayClass.getComponentType(), values.size());
            for (int i = 0; i < values.size(); i++) Array.set(array, i, values.get(i));
            return arrayClass.cast(array);
        }, 0, SizedArbitrary.DEFAULT_MAX_SIZE);
    }
}
