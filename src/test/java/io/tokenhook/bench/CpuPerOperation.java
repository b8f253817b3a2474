package io.tokenhook.bench;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * CPU time per operation, for a machine that is not idle: wall-clock benchmarks (JMH) swing with whatever else runs,
 * CPU time much less. {@code bench/cpu hook} times the seed hook call on one thread (that thread's CPU);
 * {@code bench/cpu hook-threads 60} the same call made by 60 threads in turn, as request threads make it;
 * {@code bench/cpu exchange ES256} the whole exchange without HTTP, without and with the hook (the process's CPU, so
 * the event writer counts). Rounds of 20,000 operations; the second half of the rounds are printed, after warm-up.
 */
public final class CpuPerOperation {
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 16);
    private static final int PER_ROUND = 20_000;

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("hook")) {
            hook();
        } else if (args.length > 1 && args[0].equals("hook-threads")) {
            hookThreads(Integer.parseInt(args[1]));
        } else if (args.length > 1 && args[0].equals("exchange")) {
            for (String alg : args[1].split(",")) {
                exchange(alg, false);
                exchange(alg, true);
            }
        } else {
            System.err.println("usage: bench/cpu hook | bench/cpu hook-threads N | bench/cpu exchange RS256,ES256,EdDSA");
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

    /**
     * The seed hook called by {@code n} threads in turn, one call each, as a server's request threads call it: each
     * call's own thread CPU is counted, not the hand-over between threads.
     */
    private static void hookThreads(int n) throws InterruptedException {
        var bench = new HookCallBenchmark();
        bench.setUp();
        var cpu = ManagementFactory.getThreadMXBean();
        var turn = new AtomicLong(); // call i is made by thread i % n; its increment hands the turn and spent[] on
        long total = (long) ROUNDS * PER_ROUND;
        long[] spent = new long[ROUNDS];
        Thread[] threads = new Thread[n];
        for (int t = 0; t < n; t++) {
            int me = t;
            threads[t] = Thread.ofPlatform().unstarted(() -> {
                for (long i = me; i < total; i += n) {
                    while (turn.get() != i) LockSupport.park();
                    long start = cpu.getCurrentThreadCpuTime();
                    bench.seedHook();
                    spent[(int) (i / PER_ROUND)] += cpu.getCurrentThreadCpuTime() - start;
                    turn.incrementAndGet();
                    LockSupport.unpark(threads[(me + 1) % n]);
                }
            });
        }
        for (Thread t : threads) t.start();
        for (Thread t : threads) t.join();
        bench.tearDown();
        var rounds = new StringBuilder();
        for (int r = ROUNDS / 2; r < ROUNDS; r++) rounds.append(String.format(" %.2f", micros(spent[r])));
        System.out.println("seed hook call on " + n + " threads in turn, CPU µs per call:" + rounds);
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
