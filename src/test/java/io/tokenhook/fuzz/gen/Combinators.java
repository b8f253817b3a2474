package io.tokenhook.fuzz.gen;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Values of several arbitraries put together: {@code combine(a, b).as((x, y) -> ...)}. Replaces the former
 * library's {@code Combinators} (see {@link Arbitrary} why) for the arities the fuzzer uses; each part is drawn in order.
 */
public final class Combinators {
    private Combinators() {}

    public interface F3<A, B, C, R> { R apply(A a, B b, C c); }
    public interface F6<A, B, C, D, E, G, R> { R apply(A a, B b, C c, D d, E e, G g); }
    public interface F7<A, B, C, D, E, G, H, R> { R apply(A a, B b, C c, D d, E e, G g, H h); }

    public record Combinator2<A, B>(Arbitrary<A> a, Arbitrary<B> b) {
        public <R> Arbitrary<R> as(BiFunction<A, B, R> f) {
            return r -> f.apply(a.generate(r), b.generate(r));
        }
    }

    public record Combinator3<A, B, C>(Arbitrary<A> a, Arbitrary<B> b, Arbitrary<C> c) {
        public <R> Arbitrary<R> as(F3<A, B, C, R> f) {
            return r -> f.apply(a.generate(r), b.generate(r), c.generate(r));
        }
    }

    public record Combinator6<A, B, C, D, E, G>(Arbitrary<A> a, Arbitrary<B> b, Arbitrary<C> c, Arbitrary<D> d, Arbitrary<E> e,
                                                Arbitrary<G> g) {
        public <R> Arbitrary<R> as(F6<A, B, C, D, E, G, R> f) {
            return r -> f.apply(a.generate(r), b.generate(r), c.generate(r), d.generate(r), e.generate(r), g.generate(r));
        }
    }

    public record Combinator7<A, B, C, D, E, G, H>(Arbitrary<A> a, Arbitrary<B> b, Arbitrary<C> c, Arbitrary<D> d, Arbitrary<E> e,
                                                   Arbitrary<G> g, Arbitrary<H> h) {
        public <R> Arbitrary<R> as(F7<A, B, C, D, E, G, H, R> f) {
            return r -> f.apply(a.generate(r), b.generate(r), c.generate(r), d.generate(r), e.generate(r), g.generate(r), h.generate(r));
        }
    }

    /** Any number of arbitraries of one type, combined as a list of their values. */
    public record ListCombinator<T>(List<Arbitrary<T>> all) {
        public <R> Arbitrary<R> as(Function<List<T>, R> f) {
            return r -> {
                var values = new ArrayList<T>(all.size());
                for (var a : all) values.add(a.generate(r));
                return f.apply(values);
            };
        }
    }

    public static <A, B> Combinator2<A, B> combine(Arbitrary<A> a, Arbitrary<B> b) {
        return new Combinator2<>(a, b);
    }

    public static <A, B, C> Combinator3<A, B, C> combine(Arbitrary<A> a, Arbitrary<B> b, Arbitrary<C> c) {
        return new Combinator3<>(a, b, c);
    }

    public static <A, B, C, D, E, G> Combinator6<A, B, C, D, E, G> combine(Arbitrary<A> a, Arbitrary<B> b, Arbitrary<C> c,
                                                                           Arbitrary<D> d, Arbitrary<E> e, Arbitrary<G> g) {
        return new Combinator6<>(a, b, c, d, e, g);
    }

    public static <A, B, C, D, E, G, H> Combinator7<A, B, C, D, E, G, H> combine(Arbitrary<A> a, Arbitrary<B> b, Arbitrary<C> c,
                                                                                 Arbitrary<D> d, Arbitrary<E> e, Arbitrary<G> g,
                                                                                 Arbitrary<H> h) {
        return new Combinator7<>(a, b, c, d, e, g, h);
    }

    public static <T> ListCombinator<T> combine(List<Arbitrary<T>> all) {
        return new ListCombinator<>(List.copyOf(all));
    }
}
