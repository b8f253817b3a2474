package io.tokenhook.hooks;

import io.tokenhook.hooks.HookOutcome.ConsoleLine;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one hook call on the calling (platform) thread: takes a context from the pool, starts the run, drives
 * its timers and promises until the hook answers or the deadline passes, and gives the context back.
 */
final class HookCall {

    private static final Logger log = LoggerFactory.getLogger(HookCall.class);
    private static final long CONSOLE_RESCUE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final int FIXED_ARGUMENTS = 12;
    /* A stop lands within milliseconds, unless the guest is inside one long engine operation (BigInt arithmetic on
       huge numbers): a call this late is one the runtime could not stop in time, and the operator should know. */
    private static final Duration OVERRUN = Duration.ofSeconds(1);

    private final Watchdog watchdog;
    private final ActionCache cache;
    private final String budget;

    HookCall(Watchdog watchdog, ActionCache cache, long allocationBudgetBytes) {
        this.watchdog = watchdog;
        this.cache = cache;
        this.budget = megabytes(allocationBudgetBytes);
    }

    HookOutcome run(HookPool pool, String hookId, String hookName, ExchangeContext exchange, Duration deadline) {
        long started = System.nanoTime();
        Watchdog.Watch watch = watchdog.begin(started + deadline.toNanos());
        HookContext context = null;
        ActionCache.Bucket bucket = null;
        String envelope = null;
        HookOutcome failure = null;
        try {
            context = pool.acquire(watch);
            if (context != null) {
                bucket = context.actions() ? cache.bucket(hookId) : null;
                envelope = drive(context, watch, arguments(exchange, bucket));
            }
        } catch (HookContext.LoadException e) {
            failure = Outcomes.serverError("Hook " + hookName + " failed to load: " + e.getMessage(), e.stack(),
                    List.of(), elapsed(started));
        } catch (PolyglotException e) {
            if (watch.verdict() == Watchdog.Verdict.NONE) {
                failure = crashed(hookName, e, started);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = Outcomes.serverError("Hook " + hookName + " was interrupted", null, List.of(), elapsed(started));
        } catch (RuntimeException e) {
            failure = crashed(hookName, e, started);
        } finally {
            watchdog.end(watch);
        }
        Watchdog.Verdict verdict = watch.verdict();
        List<ConsoleLine> console = List.of();
        if (envelope == null && failure == null && verdict == Watchdog.Verdict.TIMEOUT && context != null) {
            console = rescueConsole(context);
        }
        if (context != null) {
            pool.release(context, envelope != null && verdict == Watchdog.Verdict.NONE);
        }
        Duration took = elapsed(started);
        if (verdict != Watchdog.Verdict.NONE && took.compareTo(deadline.plus(OVERRUN)) > 0) {
            log.warn("Hook {} ran {} ms past its {} deadline inside an engine operation that cannot be interrupted"
                    + " (such as BigInt arithmetic on huge numbers)", hookName, took.minus(deadline).toMillis(),
                    format(deadline));
        }
        if (envelope != null) {
            return Outcomes.read(envelope, hookName, exchange, bucket, took);
        }
        if (failure != null) {
            return failure;
        }
        if (verdict == Watchdog.Verdict.BUDGET) {
            log.warn("Hook {} exceeded its memory budget of {} and was stopped", hookName, budget);
            return Outcomes.serverError("Hook " + hookName + " exceeded its memory budget of " + budget, null,
                    console, took);
        }
        log.warn("Hook {} exceeded its {} execution time and was stopped", hookName, format(deadline));
        return Outcomes.timedOut("Hook " + hookName + " exceeded its " + format(deadline)
                + " execution time", console, took);
    }

    /** The host loop: every call into the context drains its microtasks; timers run here, one per call. */
    private static String drive(HookContext context, Watchdog.Watch watch, Object[] arguments) {
        String envelope = context.start(arguments);
        while (envelope == null && watch.verdict() == Watchdog.Verdict.NONE) {
            Value polled = context.poll();
            if (polled.isString()) {
                return polled.asString();
            }
            long dueMillis = polled.asLong();
            long left = watch.deadline() - System.nanoTime();
            if (left <= 0) {
                watch.expire();
            } else if (dueMillis == 0) {
                context.runDue();
            } else {
                // nothing pending at all (-1): the hook never answers; like Auth0, it fails at its deadline
                LockSupport.parkNanos(dueMillis < 0 ? left : Math.min(left, TimeUnit.MILLISECONDS.toNanos(dueMillis)));
            }
        }
        return envelope;
    }

    /** The console of a run stopped at its deadline, read under a short watch of its own. */
    private List<ConsoleLine> rescueConsole(HookContext context) {
        Watchdog.Watch watch = watchdog.begin(System.nanoTime() + CONSOLE_RESCUE_NANOS);
        watch.attach(context.context());
        try {
            return Outcomes.console(Json.read(context.abandon()));
        } catch (RuntimeException e) {
            return List.of();
        } finally {
            watchdog.end(watch);
        }
    }

    private static HookOutcome crashed(String hookName, RuntimeException e, long started) {
        if (e instanceof PolyglotException p && p.isGuestException() && !p.isInternalError()) {
            return Outcomes.serverError(p.getMessage(), null, List.of(), elapsed(started));
        }
        log.error("Hook {} failed inside the runtime", hookName, e);
        return Outcomes.serverError("Hook " + hookName + " failed: internal error", null, List.of(), elapsed(started));
    }

    /**
     * The run's input as the prelude's {@code start} takes it: strings, counts and nulls only (they cross as
     * JavaScript primitives, never as host objects). The exchange's fixed fields come first, then the counts of
     * its scope list (-1: none), metadata pairs, body pairs and requested scopes, then their items in that order.
     */
    static Object[] arguments(ExchangeContext exchange, ActionCache.Bucket bucket) {
        List<String> scopes = exchange.scopes();
        int items = (scopes == null ? 0 : scopes.size()) + 2 * exchange.clientMetadata().size()
                + 2 * exchange.requestBody().size() + exchange.requestedScopes().size();
        Object[] args = new Object[FIXED_ARGUMENTS + items];
        args[0] = exchange.clientId();
        args[1] = exchange.clientName();
        args[2] = exchange.tenant();
        args[3] = exchange.audience();
        args[4] = exchange.ip();
        args[5] = exchange.userAgent();
        args[6] = exchange.hostname();
        args[7] = bucket == null ? null : Json.write(bucket.snapshot(System.currentTimeMillis()));
        args[8] = scopes == null ? -1 : scopes.size();
        args[9] = exchange.clientMetadata().size();
        args[10] = exchange.requestBody().size();
        args[11] = exchange.requestedScopes().size();
        int at = FIXED_ARGUMENTS;
        if (scopes != null) {
            for (String scope : scopes) args[at++] = scope;
        }
        at = putPairs(args, at, exchange.clientMetadata());
        at = putPairs(args, at, exchange.requestBody());
        for (String scope : exchange.requestedScopes()) args[at++] = scope;
        return args;
    }

    private static int putPairs(Object[] args, int at, Map<String, String> pairs) {
        for (Map.Entry<String, String> pair : pairs.entrySet()) {
            args[at++] = pair.getKey();
            args[at++] = pair.getValue();
        }
        return at;
    }

    static String megabytes(long bytes) {
        return bytes % (1 << 20) == 0 ? (bytes >> 20) + " MB" : (bytes >> 10) + " KB";
    }

    static String format(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? (millis / 1000) + "s" : millis + "ms";
    }

    private static Duration elapsed(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
