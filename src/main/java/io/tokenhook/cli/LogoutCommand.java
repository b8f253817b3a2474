package io.tokenhook.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code tokenhook logout}: forgets a profile and its cached token. */
@Command(name = "logout", description = "Remove a saved profile and its cached Management API token.",
        footerHeading = "%nExamples:%n",
        footer = {"  tokenhook logout", "  tokenhook logout --profile prod"})
final class LogoutCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-p", "--profile"}, paramLabel = "NAME", description = "Profile to remove (default: the default profile).")
    String profileName;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    private final CliEnvironment env;

    LogoutCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        var config = new CliConfig(env);
        String removed = config.remove(profileName).orElseThrow(() -> CliException.usage(
                "no profile '" + (profileName != null ? profileName : CliConfig.DEFAULT_PROFILE) + "' to log out of"));
        var out = new Output(spec.commandLine().getOut(), spec.commandLine().getErr(), env.colour(), Output.Format.table);
        out.done("Logged out: profile '" + removed + "' removed from " + config.configFile() + ".");
        return 0;
    }
}
