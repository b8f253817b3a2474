package io.tokenhook.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code tokenhook hooks scaffold -t TYPE}: prints starter code. */
@Command(name = "scaffold", description = "Print starter code for a hook of the given type.",
        footerHeading = "%nExamples:%n",
        footer = {"  tokenhook hooks scaffold -t credentials-exchange > hook.js",
                "  tokenhook hooks scaffold -t credentials-exchange --actions > action.js"})
final class HookScaffoldCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-t", "--type"}, required = true, paramLabel = "TYPE", converter = HookTypes.class,
            completionCandidates = HookTypes.class, description = "Hook type: ${COMPLETION-CANDIDATES}.")
    String type;

    @Option(names = "--actions", description = "Actions style (exports.onExecuteCredentialsExchange) instead of the Auth0 legacy style.")
    boolean actions;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public Integer call() {
        if (actions && !HookTypes.CREDENTIALS_EXCHANGE.equals(type)) {
            throw CliException.usage("--actions is for credentials-exchange hooks only");
        }
        spec.commandLine().getOut().print(HookScaffolds.forType(type, actions));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
