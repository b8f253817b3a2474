package io.tokenhook.hooks;

import io.tokenhook.tenant.Hook;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Synthetic calls made in the background from start: they load the language, compile the prelude's paths and check
 * the sandbox works, so hook exchanges soon run at full speed without holding up the server's start. A broken
 * runtime is reported as soon as the first call fails.
 */
final class Warmup {

    private static final String LEGACY = """
            module.exports = function (client, scope, audience, context, cb) {
              var token = {};
              token['https://tokenhook.invalid/warmup'] = client.id;
              token.scope = scope || [];
              token.scope.push('warmup');
              cb(null, token);
            };""";
    private static final String ACTIONS = """
            exports.onExecuteCredentialsExchange = async (event, api) => {
              await new Promise((resolve) => setTimeout(resolve, 0));
              api.accessToken.setCustomClaim('https://tokenhook.invalid/warmup', event.client.client_id);
            };""";

    /* The first call of a fresh JVM takes about a second, whatever deadline hooks are given. */
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private Warmup() {}

    /** Makes {@code calls} calls per hook style, unless {@code stop} turns true (the runner is closing). */
    static void run(GraalHookRunner runner, int calls, BooleanSupplier stop) {
        if (calls == 0) {
            return;
        }
        ExchangeContext exchange = new ExchangeContext("warmup-client", "warmup", "warmup", Map.of(),
                List.of("read"), "https://warmup.invalid/", "127.0.0.1", "tokenhook", "localhost", Map.of(),
                List.of("read"), List.of());
        for (String script : List.of(LEGACY, ACTIONS)) {
            Hook hook = new Hook("tokenhook-warmup-" + script.length(), "warmup", script, Hook.CREDENTIALS_EXCHANGE,
                    true, Map.of(), Map.of(), Instant.EPOCH, Instant.EPOCH);
            try {
                for (int i = 0; i < calls && !stop.getAsBoolean(); i++) {
                    HookOutcome outcome = runner.run(hook, exchange, false, DEADLINE);
                    if (!(outcome instanceof HookOutcome.Success success)
                            || !"warmup-client".equals(success.claims().get("https://tokenhook.invalid/warmup"))) {
                        throw new IllegalStateException("the hook runtime failed its self-test: " + outcome);
                    }
                }
            } finally {
                runner.forget(hook.id());
            }
        }
    }
}
