package io.tokenhook.hooks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.SandboxPolicy;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;

/**
 * The one shared GraalJS engine and what every context is built from: the sandboxed builder, the prelude and
 * the allowlisted modules, each a cached {@link Source} so the engine parses it once for all contexts.
 */
final class JsEngine implements AutoCloseable {

    static final String LANGUAGE = "js";

    /* Wraps a script as a CommonJS module on its first line, so line numbers in errors stay the author's. */
    private static final String MODULE_HEAD = "(function (exports, require, module, __filename, __dirname) {";
    private static final String MODULE_TAIL = "\n})";

    /* Nothing may leave the sandbox; with js.print and js.console off nothing writes here anyway. */
    private static final OutputStream DISCARD = OutputStream.nullOutputStream();

    private final Engine engine;
    private final Source prelude;
    private final Map<String, Source> modules = new LinkedHashMap<>();
    /* Contexts built and not closed yet: pooled, busy or loading. A leak would show in this count. */
    private final Set<Context> open = ConcurrentHashMap.newKeySet();

    JsEngine(Map<String, String> moduleSources) {
        this.engine = Engine.newBuilder(LANGUAGE)
                .sandbox(SandboxPolicy.CONSTRAINED)
                .out(DISCARD)
                .err(DISCARD)
                .option("engine.WarnInterpreterOnly", "false") // we log our own line about the JIT
                .build();
        this.prelude = Source.newBuilder(LANGUAGE, readPrelude(), "tokenhook-prelude.js").buildLiteral();
        moduleSources.forEach((name, source) -> modules.put(name, module(source, "hook-modules/" + name + "/index.js")));
    }

    /** A hook script as a cached module source, named after the hook so stack traces say whose it is. */
    static Source module(String script, String name) {
        return Source.newBuilder(LANGUAGE, MODULE_HEAD + script + MODULE_TAIL, name).buildLiteral();
    }

    boolean jitEnabled() {
        return !"Interpreted".equals(engine.getImplementationName());
    }

    String implementationName() {
        return engine.getImplementationName();
    }

    /**
     * A fresh sandboxed context: CONSTRAINED policy, no host access, IO, threads, processes, environment or
     * native code; the shell builtins off.
     */
    Context newContext() {
        Context context = Context.newBuilder(LANGUAGE)
                .engine(engine)
                .sandbox(SandboxPolicy.CONSTRAINED)
                .out(DISCARD)
                .err(DISCARD)
                .in(InputStream.nullInputStream())
                .allowHostAccess(HostAccess.newBuilder().allowMutableTargetMappings().build())
                .allowHostClassLookup(className -> false)
                .allowIO(IOAccess.NONE)
                .allowCreateThread(false)
                .allowCreateProcess(false)
                .allowNativeAccess(false)
                .allowEnvironmentAccess(EnvironmentAccess.NONE)
                .allowPolyglotAccess(PolyglotAccess.NONE)
                .option("js.load", "false")
                .option("js.print", "false")
                .option("js.console", "false")
                .build();
        open.add(context);
        return context;
    }

    /** How many contexts are open: the idle ones of every pool, and those running or loading a hook. */
    int openContexts() {
        return open.size();
    }

    /**
     * Evaluates the prelude and registers the modules in {@code context}; returns the runtime object. When that
     * fails (a stop on a cold engine, a prelude that refuses to run), {@code context} is closed.
     */
    Value initialize(Context context) {
        try {
            Value runtime = context.eval(prelude);
            Value register = runtime.getMember("registerModule");
            modules.forEach((name, source) -> register.execute(name, context.eval(source)));
            return runtime;
        } catch (RuntimeException e) {
            close(context);
            throw e;
        }
    }

    /** Closes {@code context}, cancelling what runs in it; closing it again does nothing. */
    void close(Context context) {
        try {
            context.close(true);
        } catch (RuntimeException e) {
            // a cancelled context rethrows its cancellation on close; it is closed all the same
        } finally {
            open.remove(context);
        }
    }

    @Override
    public void close() {
        engine.close(true);
        open.clear();
    }

    private static String readPrelude() {
        try (InputStream in = JsEngine.class.getResourceAsStream("prelude.js")) {
            if (in == null) {
                throw new IllegalStateException("prelude.js is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
