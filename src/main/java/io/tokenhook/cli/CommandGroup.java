package io.tokenhook.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** A command that only groups subcommands ({@code tokenhook hooks ...}); run alone, it is a usage error. */
abstract class CommandGroup implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public Integer call() {
        var names = spec.subcommands().values().stream().map(CommandLine::getCommandName).distinct().toList();
        throw new ParameterException(spec.commandLine(), "Missing subcommand: one of " + String.join(", ", names));
    }
}
