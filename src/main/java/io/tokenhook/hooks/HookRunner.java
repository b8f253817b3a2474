package io.tokenhook.hooks;

import io.tokenhook.tenant.Hook;

import java.util.Optional;

/** Runs credentials-exchange hooks. Implementations never throw: every failure is a {@link HookOutcome.Failure}. */
public interface HookRunner {

    /** Runs the hook for one live exchange. */
    HookOutcome runCredentialsExchange(Hook hook, ExchangeContext context);

    /** Runs the hook (saved or a draft) exactly as an exchange would, without touching live pools or metrics. */
    HookOutcome runTest(Hook hook, ExchangeContext context);

    /** Empty when {@code script} parses and exports a hook; otherwise why not, fit for a 400 answer. */
    Optional<String> validate(String script);

    /** Drops what the runtime holds for a deleted hook. */
    void forget(String hookId);
}
