package io.tokenhook.cli;

import picocli.CommandLine.Option;

/** A command that prints what it read or changed: a table for people, {@code -o json} for scripts. */
abstract class FormattedCommand extends ServerCommand {
    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", order = 99, defaultValue = "table",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). json prints the Management API's JSON.")
    Output.Format outputFormat;

    FormattedCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    Output.Format format() {
        return outputFormat;
    }
}
