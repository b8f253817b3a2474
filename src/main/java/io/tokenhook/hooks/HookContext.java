package io.tokenhook.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * One polyglot context with the prelude and one hook version loaded. Used by one thread at a time (the pool
 * guarantees it); its globals persist between calls, as in a webtask container.
 */
final class HookContext implements AutoCloseable {

    /** The script did not load: a syntax error, a throw at top level, or nothing callable exported. */
    static final class LoadException extends Exception {
        private final String stack;

        LoadException(String message, String stack) {
            super(message, null, false, false);
            this.stack = stack;
        }

        String stack() {
            return stack;
        }
    }

    private final JsEngine engine;
    private final Context context;
    private final Value start;
    private final Value poll;
    private final Value runDue;
    private final Value abandon;
    private final boolean actions;
    private long lastThread = -1; // the pool's: written before the context goes back, read under the pool's lock

    private HookContext(JsEngine engine, Context context, Value runtime, boolean actions) {
        this.engine = engine;
        this.context = context;
        this.start = runtime.getMember("start");
        this.poll = runtime.getMember("poll");
        this.runDue = runtime.getMember("runDue");
        this.abandon = runtime.getMember("abandon");
        this.actions = actions;
    }

    /**
     * Loads {@code script} into {@code context}, whose prelude and modules are in place ({@code runtime} is what
     * {@link JsEngine#initialize} returned): the hook's module body runs here. The context is closed when loading fails.
     *
     * @param configJson {@code {"secrets": {...}, "limits": {...}}} for the prelude's install
     */
    static HookContext load(JsEngine engine, Context context, Value runtime, Source script, String configJson)
            throws LoadException {
        try {
            Value factory = context.eval(script);
            JsonNode installed = Json.read(runtime.invokeMember("install", factory, configJson).asString());
            if (!installed.path("ok").asBoolean()) {
                throw new LoadException(installed.path("message").asText(), installed.path("stack").textValue());
            }
            return new HookContext(engine, context, runtime, "actions".equals(installed.path("style").asText()));
        } catch (PolyglotException e) {
            engine.close(context);
            if (e.isSyntaxError()) {
                throw new LoadException("the script does not parse: " + e.getMessage(), null);
            }
            throw e;
        } catch (LoadException | RuntimeException e) {
            engine.close(context);
            throw e;
        }
    }

    Context context() {
        return context;
    }

    boolean actions() {
        return actions;
    }

    /** The id of the thread that ran the last call here (-1: none yet). */
    long lastThread() {
        return lastThread;
    }

    void lastThread(long threadId) {
        this.lastThread = threadId;
    }

    /** The {outcome, console} JSON when the hook finished synchronously, else null (poll after microtasks). */
    String start(Object[] arguments) {
        Value result = start.execute(arguments);
        return result.isString() ? result.asString() : null;
    }

    /** After microtasks drained: the {outcome, console} JSON as a string, or ms until the next timer (-1: none). */
    Value poll() {
        return poll.execute();
    }

    void runDue() {
        runDue.execute();
    }

    /** Ends a run the host stopped; returns its console so far as JSON. */
    String abandon() {
        return abandon.execute().asString();
    }

    @Override
    public void close() {
        engine.close(context);
    }
}
