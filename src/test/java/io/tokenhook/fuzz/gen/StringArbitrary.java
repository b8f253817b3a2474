package io.tokenhook.fuzz.gen;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Strings of chars from the ranges and chars given (all of them with {@link #all()}), {@code minLength} to
 * {@code maxLength} long (0 to 255 by default); replaces the former library's (see {@link Arbitrary} why). One draw in
 * {@value #EDGE_PERCENT}% has the minimum length (the empty string by default) or the maximum one.
 */
public final class StringArbitrary implements Arbitrary<String> {
    private static final int EDGE_PERCENT = 8;
    private final List<char[]> ranges;
    private final int minLength;
    private final int maxLength;

    StringArbitrary(List<char[]> ranges, int minLength, int maxLength) {
        this.ranges = List.copyOf(ranges);
        this.minLength = minLength;
        this.maxLength = maxLength;
    }

    public StringArbitrary ofMinLength(int min) {
        return new StringArbitrary(ranges, min, Math.max(min, maxLength));
    }

    public StringArbitrary ofMaxLength(int max) {
        return new StringArbitrary(ranges, minLength, max);
    }

    public StringArbitrary withCharRange(char from, char to) {
        var more = new ArrayList<>(ranges);
        more.add(new char[] {from, to});
        return new StringArbitrary(more, minLength, maxLength);
    }

    public StringArbitrary withChars(String chars) {
        var result = this;
        for (char c : chars.toCharArray()) result = result.withCharRange(c, c);
        return result;
    }

    public StringArbitrary alpha() {
        return withCharRange('a', 'z').withCharRange('A', 'Z');
    }

    public StringArbitrary numeric() {
        return withCharRange('0', '9');
    }

    /** Every char, lone surrogates and controls included. */
    public StringArbitrary all() {
        return withCharRange(Character.MIN_VALUE, Character.MAX_VALUE);
    }

    @Override
    public String generate(Random random) {
        if (ranges.isEmpty()) throw new IllegalStateException("no chars to draw from: add a range, alpha(), all()...");
        int length = Edges.size(random, minLength, maxLength, EDGE_PERCENT);
        var out = new StringBuilder(length);
        for (int i = 0; i < length; i++) out.append(nextChar(random));
        return out.toString();
    }

    /** A char uniformly from the union of the ranges (a char in two ranges counts twice). */
    private char nextChar(Random random) {
        int total = 0;
        for (char[] r : ranges) total += r[1] - r[0] + 1;
        int pick = random.nextInt(total);
        for (char[] r : ranges) {
            int size = r[1] - r[0] + 1;
            if (pick < size) return (char) (r[0] + pick);
            pick -= size;
        }
        throw new AssertionError("unreachable");
    }
}
