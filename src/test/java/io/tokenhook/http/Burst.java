package io.tokenhook.http;

import io.tokenhook.support.TestServer;

import java.util.function.IntFunction;

/**
 * Requests sent back to back until one is refused with 429: how many were answered first, and the refusal. A
 * bucket refills while the burst runs, so tests accept a token or two more than its capacity on a slow machine.
 *
 * @param answered requests answered before the refusal
 * @param refused  the first 429
 */
record Burst(int answered, TestServer.Response refused) {

    /** Sends {@code request.apply(i)} for i = 0, 1, ... until a 429, at most {@code max} times. */
    static Burst untilRefused(int max, IntFunction<TestServer.Response> request) {
        for (int i = 0; i < max; i++) {
            var r = request.apply(i);
            if (r.status() == 429) return new Burst(i, r);
        }
        throw new AssertionError("no 429 in " + max + " requests");
    }
}
