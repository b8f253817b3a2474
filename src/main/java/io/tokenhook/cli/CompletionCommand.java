package io.tokenhook.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code tokenhook completion bash|zsh}: a shell completion script for every command and option. */
@Command(name = "completion", description = "Print a shell completion script (bash, or zsh through bashcompinit).",
        footerHeading = "%nExamples:%n",
        footer = {"  source <(tokenhook completion bash)          # in ~/.bashrc", "  source <(tokenhook completion zsh)           # in ~/.zshrc",
                "  tokenhook completion bash > /etc/bash_completion.d/tokenhook"})
final class CompletionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SHELL", description = "bash or zsh.", completionCandidates = Shells.class)
    String shell;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    static final class Shells extends java.util.ArrayList<String> {
        Shells() {
            super(java.util.List.of("bash", "zsh"));
        }
    }

    @Override
    public Integer call() {
        String script = AutoComplete.bash("tokenhook", spec.root().commandLine());
        var out = spec.commandLine().getOut();
        switch (shell) {
            case "bash" -> out.print(script);
            case "zsh" -> {
                out.println("# tokenhook completion for zsh: the bash completion, loaded through bashcompinit");
                out.println("autoload -U +X compinit && compinit");
                out.println("autoload -U +X bashcompinit && bashcompinit");
                out.print(script);
            }
            default -> throw CliException.usage("unknown shell '" + shell + "': use bash or zsh");
        }
        out.flush();
        return 0;
    }
}
