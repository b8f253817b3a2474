package io.tokenhook.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenhook.app.Main;
import io.tokenhook.support.TestServer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs {@code tokenhook} commands in-process, through {@link Main#commandLine(CliEnvironment)}, with a temporary
 * config directory and home, chosen environment variables, canned standard input and captured output.
 */
final class CliRunner {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path home;
    private final Map<String, String> env = new HashMap<>();
    private boolean interactive;

    CliRunner() {
        try {
            home = Files.createTempDirectory("tokenhook-cli-home");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        env.put("TOKENHOOK_CONFIG_DIR", configDir().toString());
    }

    /** A runner logged in to {@code server} as its admin application (profile "default"). */
    static CliRunner loggedIn(TestServer server) {
        var cli = new CliRunner();
        cli.run("login", "--url", server.baseUrl(), "--client-id", TestServer.ADMIN_ID, "--client-secret", TestServer.ADMIN_SECRET).assertOk();
        return cli;
    }

    Path home() {
        return home;
    }

    Path configDir() {
        return home.resolve("config");
    }

    CliRunner env(String name, String value) {
        if (value == null) env.remove(name);
        else env.put(name, value);
        return this;
    }

    /** Pretends a person sits at a terminal (prompts are asked, colour is on unless NO_COLOR). */
    CliRunner interactive(boolean interactive) {
        this.interactive = interactive;
        return this;
    }

    Result run(String... args) {
        return runWithInput("", args);
    }

    Result runWithInput(String stdin, String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var environment = CliEnvironment.of(env, home, interactive, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        var commandLine = Main.commandLine(environment);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /** Starts a long-running command ({@code logs tail}) on its own thread. */
    Running start(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var environment = CliEnvironment.of(env, home, interactive, new ByteArrayInputStream(new byte[0]));
        var commandLine = Main.commandLine(environment);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        var running = new Running(out, err);
        running.thread = new Thread(() -> running.exitCode = commandLine.execute(args), "cli-" + String.join("-", args));
        running.thread.setDaemon(true);
        running.thread.start();
        return running;
    }

    /** A command running on its own thread; its output so far, and a way to stop it as Ctrl-C would. */
    static final class Running {
        private final StringWriter out;
        private final StringWriter err;
        private Thread thread;
        private volatile int exitCode = -1;

        private Running(StringWriter out, StringWriter err) {
            this.out = out;
            this.err = err;
        }

        String out() {
            return out.toString();
        }

        String err() {
            return err.toString();
        }

        /** Waits until {@code text} appears on standard output or error. */
        Running await(String text, java.time.Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!out().contains(text) && !err().contains(text)) {
                if (System.nanoTime() > deadline || !thread.isAlive()) {
                    throw new AssertionError("no '" + text + "' within " + timeout + "\nout: " + out() + "\nerr: " + err());
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
            return this;
        }

        /** Interrupts the command and returns its exit code. */
        int stop() throws InterruptedException {
            thread.interrupt();
            thread.join(10_000);
            if (thread.isAlive()) throw new AssertionError("the command did not stop when interrupted\nout: " + out() + "\nerr: " + err());
            return exitCode;
        }
    }

    /** What a command printed and returned. */
    record Result(int exitCode, String out, String err) {
        Result assertOk() {
            if (exitCode != 0) throw new AssertionError("exit " + exitCode + "\nout: " + out + "\nerr: " + err);
            return this;
        }

        Result assertExit(int expected) {
            if (exitCode != expected) throw new AssertionError("expected exit " + expected + " but was " + exitCode + "\nout: " + out + "\nerr: " + err);
            return this;
        }

        JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + out, e);
            }
        }

        /** Standard error, which for a failure is exactly one line. */
        String errorLine() {
            String trimmed = err.strip();
            if (trimmed.contains("\n")) throw new AssertionError("expected one error line but got:\n" + err);
            return trimmed;
        }
    }
}
