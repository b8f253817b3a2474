package io.tokenhook.cli;

import picocli.CommandLine;
import picocli.CommandLine.Help;

import java.io.PrintWriter;
import java.util.List;

/**
 * The command-line client, installed as subcommands of {@code tokenhook}: a client of the Management API, like
 * Auth0's own CLI. Errors end as one line, {@code tokenhook: <message>}, and the exit code says whose fault
 * it was: 0 success, 1 the server or the network refused, 2 the command line was wrong.
 */
public final class Cli {
    private static final List<Class<?>> COMMANDS = List.of(LoginCommand.class, LogoutCommand.class, HooksCommand.class,
            LogsCommand.class, ApisCommand.class, AppsCommand.class, GrantsCommand.class, KeysCommand.class,
            TokenCommand.class, CompletionCommand.class);

    private Cli() {}

    /** Adds the CLI's commands to {@code root} and its error handling to all of root's commands. */
    public static CommandLine install(CommandLine root, CliEnvironment env) {
        var factory = new CliFactory(env);
        for (Class<?> command : COMMANDS) root.addSubcommand(new CommandLine(command, factory));
        // key ids are base64url thumbprints and may start with '-': take such words as the KID, not as options
        CommandLine keys = root.getSubcommands().get("keys");
        if (keys != null) keys.setUnmatchedOptionsArePositionalParams(true);
        // client secrets are base64url too, and one such as '-pxy3...' reads as the option -p with a value: the word
        // after --client-secret is its value, whatever it looks like
        for (String name : List.of("token", "login")) {
            CommandLine command = root.getSubcommands().get(name);
            if (command != null) command.setAllowOptionsAsOptionParameters(true);
        }
        root.setCaseInsensitiveEnumValuesAllowed(true);
        root.setUsageHelpWidth(100);
        root.setUsageHelpAutoWidth(true);
        root.setColorScheme(Help.defaultColorScheme(env.colour() ? Help.Ansi.ON : Help.Ansi.OFF));
        root.setParameterExceptionHandler(Cli::usageError);
        root.setExecutionExceptionHandler((e, command, parsed) -> failure(e, command, env));
        return root;
    }

    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("tokenhook: " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    private static int failure(Exception e, CommandLine command, CliEnvironment env) {
        PrintWriter err = command.getErr();
        if (e instanceof CliException cli) {
            err.println("tokenhook: " + cli.getMessage());
            err.flush();
            return cli.exitCode();
        }
        err.println("tokenhook: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                + (env.get("TOKENHOOK_DEBUG") == null ? " (TOKENHOOK_DEBUG=1 shows details)" : ""));
        if (env.get("TOKENHOOK_DEBUG") != null) e.printStackTrace(err);
        err.flush();
        return CliException.FAILURE;
    }
}
