package io.tokenhook.hooks;

import static io.tokenhook.hooks.HookFixtures.exchange;
import static io.tokenhook.hooks.HookFixtures.hook;
import static io.tokenhook.hooks.HookFixtures.success;
import static org.assertj.core.api.Assertions.assertThat;

import io.tokenhook.hooks.HookOutcome.Success;
import io.tokenhook.tenant.Hook;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Per-request state (cb, event, api, console) never crosses between concurrent requests of one hook. */
class HookConcurrencyTest {

    private static final int THREADS = 8;
    private static final int CALLS = 150;

    private final GraalHookRunner runner = HookFixtures.runner();

    @Test
    void legacyHookNeverLeaksClaimsBetweenRequests() throws Exception {
        Hook hook = hook("concurrent", """
                var last = null;
                module.exports = function (client, scope, audience, context, cb) {
                  last = client.id; // a global shared by the calls of this context, never by two at once
                  console.log('for ' + client.id);
                  var answer = function () { cb(null, { scope: scope, 'https://t.example/client': client.id, 'https://t.example/last': last }); };
                  if (client.id.length % 2 === 0) setTimeout(answer, 1); else answer();
                };""");

        assertOwnClaims(hook, false);
    }

    @Test
    void actionsHookNeverLeaksClaimsBetweenRequests() throws Exception {
        Hook hook = hook("concurrent-actions", """
                exports.onExecuteCredentialsExchange = async (event, api) => {
                  console.log('for ' + event.client.client_id);
                  if (event.client.client_id.length % 2 === 0) await new Promise((r) => setTimeout(r, 1));
                  api.accessToken.setCustomClaim('https://t.example/client', event.client.client_id);
                  api.accessToken.setCustomClaim('https://t.example/last', event.client.client_id);
                };""");

        assertOwnClaims(hook, false);
    }

    @Test
    void virtualThreadCallersAreServedToo() throws Exception {
        Hook hook = hook("virtual", """
                module.exports = function (client, scope, audience, context, cb) {
                  console.log('for ' + client.id);
                  cb(null, { 'https://t.example/client': client.id, 'https://t.example/last': client.id });
                };""");

        assertOwnClaims(hook, true);
    }

    private void assertOwnClaims(Hook hook, boolean virtual) throws Exception {
        ExecutorService threads = virtual ? Executors.newVirtualThreadPerTaskExecutor() : Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                Callable<List<String>> calls = () -> {
                    List<String> wrong = new ArrayList<>();
                    for (int i = 0; i < CALLS; i++) {
                        String client = "client-" + thread + "-" + "x".repeat(i % 3) + i;
                        Success success = success(runner.runCredentialsExchange(hook, exchange(client)));
                        if (!client.equals(success.claims().get("https://t.example/client"))
                                || !client.equals(success.claims().get("https://t.example/last"))
                                || !success.console().equals(List.of(new HookOutcome.ConsoleLine("log", "for " + client)))) {
                            wrong.add(client + " got " + success);
                        }
                    }
                    return wrong;
                };
                results.add(threads.submit(calls));
            }
            for (Future<List<String>> result : results) {
                assertThat(result.get()).isEmpty();
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
