package io.tokenhook.hooks;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The result of running a hook on one exchange. */
public sealed interface HookOutcome {

    List<ConsoleLine> console();

    Duration duration();

    /**
     * The hook let the exchange go on.
     *
     * @param scopes   the scopes the token gets; null or empty means no scope claim
     * @param claims   custom claims after the claim policy
     * @param warnings what the claim policy dropped and why, for the hook's log
     */
    record Success(List<String> scopes, Map<String, Object> claims, List<String> warnings,
                   List<ConsoleLine> console, Duration duration) implements HookOutcome {}

    /**
     * The hook refused the token or failed.
     *
     * @param status      HTTP status for the token response (400 or 500)
     * @param error       OAuth error code
     * @param description error_description shown to the client
     * @param timedOut    the hook passed its deadline
     * @param stack       the JavaScript stack, for the log only
     */
    record Failure(int status, String error, String description, boolean timedOut, String stack,
                   List<ConsoleLine> console, Duration duration) implements HookOutcome {}

    /** One line the hook wrote with console.log/info/warn/error. */
    record ConsoleLine(String level, String message) {}
}
