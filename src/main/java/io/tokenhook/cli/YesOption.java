package io.tokenhook.cli;

import picocli.CommandLine.Option;

/** The {@code -y/--yes} option of the commands that ask before they change something for good (a picocli mixin). */
final class YesOption {
    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation.")
    boolean yes;
}
