package io.tokenhook.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.InstantSource;
import java.util.concurrent.Callable;

/**
 * A command that talks to a server's Management API: the {@code --profile} option, the client, name resolution,
 * output and confirmation prompts.
 */
abstract class ServerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-p", "--profile"}, paramLabel = "NAME", order = 100,
            description = "Profile to use (TOKENHOOK_PROFILE; default: the first one you logged in with).")
    String profileName;

    @Option(names = {"-h", "--help"}, usageHelp = true, order = 101, description = "Show this help and exit.")
    boolean help;

    final CliEnvironment env;
    private ManagementClient client;
    private Output output;

    ServerCommand(CliEnvironment env) {
        this.env = env;
    }

    ManagementClient client() {
        if (client == null) {
            var config = new CliConfig(env);
            Profile profile = config.resolve(profileName);
            client = new ManagementClient(new Http(env.caFile(profile.caFile())), profile, config, InstantSource.system());
        }
        return client;
    }

    Resolver resolve() {
        return new Resolver(client());
    }

    Output out() {
        if (output == null) {
            output = new Output(spec.commandLine().getOut(), spec.commandLine().getErr(), env.colour(), format());
        }
        return output;
    }

    /** Table unless the command offers {@code -o json} and the user chose it. */
    Output.Format format() {
        return Output.Format.table;
    }

    /**
     * Whether to go ahead with something that cannot be undone: yes with {@code -y}; otherwise the user is asked
     * on a terminal, and refused (exit 2) without one.
     */
    boolean confirm(boolean yes, String question) {
        if (yes) return true;
        if (!env.interactive()) {
            throw CliException.usage("not asking \"" + question + "\" without a terminal: add -y to confirm");
        }
        String answer = env.ask(spec.commandLine().getErr(), question + " [y/N] ");
        return answer != null && (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"));
    }

    /** The answer to a declined confirmation. */
    int cancelled() {
        out().message("Cancelled; nothing changed.");
        return CliException.FAILURE;
    }
}
