package io.tokenhook.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tokenhook.support.TestServer;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/** What {@link HookSandboxEscapeTest} measures and plants: the runtime's resources and a victim hook. */
final class SandboxProbe {

    /** How much the heap may have grown over the suite, after a full GC: the allocation budget of one call. */
    static final long HEAP_SLACK = 64L << 20;

    private SandboxProbe() {}

    /**
     * Another hook, with a secret and an Actions cache entry no hostile hook may see. Its token carries both, so the
     * suite can check they are intact at the end.
     */
    record Victim(String secret, String cached) {
        static Victim random() {
            return new Victim("victim-secret-" + UUID.randomUUID(), "victim-cache-" + UUID.randomUUID());
        }

        Map<String, String> secrets() {
            return Map.of("VICTIM_SECRET", secret, "VICTIM_CACHE_VALUE", cached);
        }

        String script() {
            return """
                    exports.onExecuteCredentialsExchange = async (event, api) => {
                      // a regular expression: the first one compiled in a JVM costs the engine's regex start-up
                      if (!/^victim-secret-/.test(event.secrets.VICTIM_SECRET)) api.access.deny('server_error', 'no secret');
                      if (!api.cache.get('victim-key')) api.cache.set('victim-key', event.secrets.VICTIM_CACHE_VALUE, { ttl: 3600000 });
                      api.accessToken.setCustomClaim('https://victim.example/secret', event.secrets.VICTIM_SECRET);
                      api.accessToken.setCustomClaim('https://victim.example/cache', (api.cache.get('victim-key') || {}).value);
                    };""";
        }
    }

    /**
     * The hook runtime's resources: open contexts and calls in progress (from /metrics), the JVM's live threads and
     * the hook runtime's own ones, and the heap after a full GC (the server runs in this JVM).
     */
    record Resources(int contexts, int activeCalls, int threads, long hookThreads, long heapBytes) {
        static Resources measure(TestServer server) {
            System.gc();
            System.gc();
            long hookThreads = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("tokenhook-hook-")).count();
            return new Resources(gauge(server, "tokenhook_hooks_contexts_open"), gauge(server, "tokenhook_hooks_calls_active"),
                    ManagementFactory.getThreadMXBean().getThreadCount(), hookThreads,
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }

    }

    /** A gauge of the server's /metrics. */
    static int gauge(TestServer server, String name) {
        return server.get("/metrics").text().lines().filter(line -> line.startsWith(name + " ")).findFirst()
                .map(line -> (int) Double.parseDouble(line.substring(name.length() + 1)))
                .orElseThrow(() -> new AssertionError(name + " is not in /metrics"));
    }

    /** Waits for the server's background warm-up: until then the first calls of a hook may pass a short deadline. */
    static void awaitWarmEngine(TestServer server) {
        poll("the hook warm-up to end", () -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().equals("tokenhook-hook-warmup")), 120);
    }

    /** Waits until no hook call is in progress: a hostile call must end, even one the runtime could not stop at once. */
    static void awaitNoHookCalls(TestServer server) {
        poll("every hook call to end", () -> gauge(server, "tokenhook_hooks_calls_active") == 0, 20);
    }

    /** The test runner's answer for a hook that floods its console: cut at 100 lines, 1,000 characters each, 16 KB. */
    static void assertConsoleCapped(JsonNode run) {
        JsonNode console = run.get("console");
        assertThat(console.size()).isBetween(2, 101);
        int chars = 0;
        for (JsonNode line : console) {
            String message = line.get("message").asText();
            assertThat(message.length()).isLessThanOrEqualTo(1000 + "... [line truncated]".length());
            chars += message.length();
        }
        assertThat(chars).isLessThanOrEqualTo(16 * 1024 + "[console output truncated]".length());
        assertThat(console.get(console.size() - 1).get("message").asText()).isEqualTo("[console output truncated]");
    }

    private static void poll(String what, Supplier<Boolean> done, int seconds) {
        long until = System.nanoTime() + seconds * 1_000_000_000L;
        while (!done.get()) {
            if (System.nanoTime() > until) throw new AssertionError("waited " + seconds + " s for " + what);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what);
            }
        }
    }
}
