package io.tokenhook.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the CLI takes from the world outside its arguments: environment variables, the home directory, standard
 * input and whether a person sits at a terminal. Commands read these only through this object, so tests can
 * run them in-process with a temporary config directory, a scripted editor and canned answers.
 */
public final class CliEnvironment {
    private final Map<String, String> variables;
    private final Path home;
    private final boolean interactive;
    private final InputStream stdin;
    private final boolean systemConsole;
    private BufferedReader answers;

    private CliEnvironment(Map<String, String> variables, Path home, boolean interactive, InputStream stdin, boolean systemConsole) {
        this.variables = Map.copyOf(variables);
        this.home = home;
        this.interactive = interactive;
        this.stdin = stdin;
        this.systemConsole = systemConsole;
    }

    /** The real process environment. */
    public static CliEnvironment system() {
        return new CliEnvironment(System.getenv(), Path.of(System.getProperty("user.home")), isTerminal(), System.in, true);
    }

    /** A made-up environment (tests): {@code interactive} decides whether prompts are asked and colour is used. */
    public static CliEnvironment of(Map<String, String> variables, Path home, boolean interactive, InputStream stdin) {
        return new CliEnvironment(variables, home, interactive, stdin, false);
    }

    /**
     * Whether standard input and output are a terminal. Before JDK 22 {@link System#console()} is null otherwise;
     * from JDK 22 on it always exists and {@code Console.isTerminal()} tells (called reflectively: release 21).
     */
    private static boolean isTerminal() {
        Console console = System.console();
        if (console == null) return false;
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    /** The variable's value, or null when it is unset or blank. */
    String get(String name) {
        String v = variables.get(name);
        return v == null || v.isBlank() ? null : v;
    }

    boolean interactive() {
        return interactive;
    }

    /** Colour only for a person at a terminal who has not asked for none (https://no-color.org). */
    boolean colour() {
        return interactive && variables.get("NO_COLOR") == null && !"dumb".equals(get("TERM"));
    }

    InputStream stdin() {
        return stdin;
    }

    Path home() {
        return home;
    }

    /** {@code $TOKENHOOK_CONFIG_DIR}, else {@code $XDG_CONFIG_HOME/tokenhook}, else {@code ~/.config/tokenhook}. */
    Path configDir() {
        if (get("TOKENHOOK_CONFIG_DIR") != null) return Path.of(get("TOKENHOOK_CONFIG_DIR"));
        if (get("XDG_CONFIG_HOME") != null) return Path.of(get("XDG_CONFIG_HOME"), "tokenhook");
        return home.resolve(".config").resolve("tokenhook");
    }

    /**
     * The PEM file of CA certificates HTTPS trusts besides the JDK's trust store: {@code TOKENHOOK_CA_FILE}, else
     * {@code fallback} (a flag's or the profile's; null for none).
     */
    Path caFile(Path fallback) {
        return get("TOKENHOOK_CA_FILE") != null ? Path.of(get("TOKENHOOK_CA_FILE")) : fallback;
    }

    /** The editor command line: {@code $VISUAL}, else {@code $EDITOR}, else {@code vi}. */
    String editor() {
        if (get("VISUAL") != null) return get("VISUAL");
        if (get("EDITOR") != null) return get("EDITOR");
        return "vi";
    }

    /** Asks {@code prompt} on {@code err} and returns the answer line, or null at end of input. */
    synchronized String ask(PrintWriter err, String prompt) {
        err.print(prompt);
        err.flush();
        try {
            if (answers == null) answers = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
            return answers.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asks for a secret without echoing it when a real console is available. */
    String askSecret(PrintWriter err, String prompt) {
        Console console = systemConsole ? System.console() : null;
        if (console != null) {
            char[] secret = console.readPassword("%s", prompt);
            return secret == null ? null : new String(secret);
        }
        return ask(err, prompt);
    }
}
