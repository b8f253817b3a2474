package io.tokenhook.bench;

import java.lang.management.ManagementFactory;

/**
 * CPU time per operation, for a machine that is not idle: wall-clock benchmarks (JMH) swing with whatever else runs,
 * CPU time much less. {@code bench/cpu hook} times the seed hook call on one thread (that thread's CPU);
 * {@code bench/cpu exchange ES256} the whole exchange without HTTP, without and with the hook (the process's CPU, so
 * the event writer counts). Rounds of 20,000 operations; the second half of the rounds are printed, after warm-up.
 */
public final class CpuPerOperation {
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 16);
    private static final int PER_ROUND = 20_000;

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("hook")) {
            hook();
        } else if (args.length > 1 && args[0].equals("exchange")) {
            for (String alg : args[1].split(",")) {
                exchange(alg, false);
                exchange(alg, true);
            }
        } else {
            System.err.println("usage: bench/cpu hook | bench/cpu exchange RS256,ES256,EdDSA");
            System.exit(2);
        }
        System.exit(0);
    }

    private static void hook() {
        var bench = new HookCallBenchmark();
        bench.setUp();
        var threads = ManagementFactory.getThreadMXBean();
        var rounds = new StringBuilder();
        for (int r = 0; r < ROUNDS; r++) {
            long start = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < PER_ROUND; i++) bench.seedHook();
            if (r >= ROUNDS / 2) rounds.append(String.format(" %.2f", micros(threads.getCurrentThreadCpuTime() - start)));
        }
        bench.tearDown();
        System.out.println("seed hook call, CPU µs per call:" + rounds);
    }

    private static void exchange(String alg, boolean hook) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        var bench = new ExchangeBenchmark();
        bench.alg = alg;
        bench.hook = hook;
        bench.setUp();
        var rounds = new StringBuilder();
        for (int r = 0; r < ROUNDS; r++) {
            long start = os.getProcessCpuTime();
            for (int i = 0; i < PER_ROUND; i++) bench.exchange();
            if (r >= ROUNDS / 2) rounds.append(String.format(" %.1f", micros(os.getProcessCpuTime() - start)));
        }
        bench.tearDown();
        System.out.println(alg + (hook ? " with the seed hook" : " without a hook") + ", process CPU µs per exchange:" + rounds);
    }

    private static double micros(long nanos) {
        return nanos / 1e3 / PER_ROUND;
    }
}
