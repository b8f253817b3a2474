package io.tokenhook.hooks;

import io.tokenhook.tenant.Hook;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hook runtime, loaded off the start-up path: creating the GraalJS engine takes about a second of CPU on a
 * cold JVM, which on two cores would otherwise delay the first token of every start, hooks or not. The server
 * calls {@link #load()} once it listens (or at once when the store already has hooks); a call that comes before
 * the engine is ready waits for it. Like every {@link HookRunner}, it never throws.
 */
public final class DeferredHookRunner implements HookRunner, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeferredHookRunner.class);

    private final Supplier<GraalHookRunner> factory;
    private final CompletableFuture<GraalHookRunner> runner = new CompletableFuture<>();
    private boolean loading; // guarded by this
    private boolean closed;  // guarded by this

    public DeferredHookRunner(Supplier<GraalHookRunner> factory) {
        this.factory = factory;
    }

    /** Starts creating the engine on a background thread, then warms it up; later calls do nothing. */
    public synchronized void load() {
        if (loading || closed) return;
        loading = true;
        Thread.ofPlatform().daemon().name("tokenhook-hook-loader").start(() -> {
            try {
                GraalHookRunner created = factory.get();
                synchronized (this) {
                    if (closed) {
                        created.close();
                        runner.cancel(false);
                        return;
                    }
                }
                runner.complete(created);
                created.warmUpInBackground();
            } catch (RuntimeException | Error e) {
                log.error("the hook runtime failed to start; hooks will fail: {}", e.getMessage(), e);
                runner.completeExceptionally(e);
            }
        });
    }

    @Override
    public HookOutcome runCredentialsExchange(Hook hook, ExchangeContext context) {
        return ready().map(r -> r.runCredentialsExchange(hook, context)).orElseGet(() -> unavailable(hook));
    }

    @Override
    public HookOutcome runTest(Hook hook, ExchangeContext context) {
        return ready().map(r -> r.runTest(hook, context)).orElseGet(() -> unavailable(hook));
    }

    @Override
    public Optional<String> validate(String script) {
        return ready().map(r -> r.validate(script)).orElse(Optional.of("the hook runtime is not available (see the server log)"));
    }

    @Override
    public void forget(String hookId) {
        runner.thenAccept(r -> r.forget(hookId));
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            if (!loading) runner.cancel(false);
        }
        runner.thenAccept(GraalHookRunner::close);
    }

    /** The runtime, waiting for it to load (loading it now if nobody asked yet); empty when it failed to. */
    private Optional<GraalHookRunner> ready() {
        if (!runner.isDone()) load(); // load() locks: once the engine is there, a call takes no lock at all
        try {
            return Optional.of(runner.join());
        } catch (CompletionException | CancellationException e) {
            return Optional.empty();
        }
    }

    private static HookOutcome unavailable(Hook hook) {
        return Outcomes.serverError("Hook " + hook.name() + " could not run: the hook runtime is not available",
                null, List.of(), Duration.ZERO);
    }
}
