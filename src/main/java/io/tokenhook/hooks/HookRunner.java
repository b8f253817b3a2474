package io.tokenhook.hooks;

import io.tokenhook.tenant.Hook;

/** Runs a credentials-exchange hook. Implementations never throw: every failure is a {@link HookOutcome.Failure}. */
public interface HookRunner {
    HookOutcome runCredentialsExchange(Hook hook, ExchangeContext context);
}
