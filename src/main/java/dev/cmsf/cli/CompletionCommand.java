package dev.cmsf.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cmsf completion}: a bash/zsh completion script generated from the command tree. */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description =
        "Print a bash (and zsh, via bashcompinit) completion script for every command and option:"
            + " cmsf completion > cmsf_completion && source cmsf_completion")
final class CompletionCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    System.out.print(AutoComplete.bash("cmsf", spec.root().commandLine()));
  }
}
