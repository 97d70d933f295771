package dev.cmsf.cli;

import dev.cmsf.inspect.NeighbourGrid;
import dev.cmsf.inspect.NeighbourSearch;
import dev.cmsf.inspect.QueryNeighbours;
import dev.cmsf.train.RunTrainer;
import dev.cmsf.train.TrainingRun;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cmsf neighbors}: a PNG of a training image's nearest memory bank rows. */
@Command(
    name = "neighbors",
    aliases = "neighbours",
    mixinStandardHelpOptions = true,
    description =
        "Draw a training image (row 1), its k nearest memory bank rows (row 2) and its k nearest"
            + " rows inside the method's constraint (row 3), at the run's newest checkpoint.")
final class NeighborsCommand implements Callable<Integer> {
  /** Neighbours per row when {@code --k} is not given. */
  static final int DEFAULT_K = 8;

  @Option(names = "--run", required = true, paramLabel = "DIR", description = "run directory")
  Path run;

  @Option(
      names = "--query",
      required = true,
      paramLabel = "INDEX",
      description = "index of the query among the run's training images (after --limit)")
  int query;

  @Option(
      names = "--k",
      paramLabel = "K",
      description = "neighbours per row (default " + DEFAULT_K + ")")
  int k = DEFAULT_K;

  @Option(
      names = "--out",
      paramLabel = "FILE.png",
      description = "where the PNG goes (default DIR/neighbors/query-INDEX.png)")
  Path out;

  @Override
  public Integer call() throws Exception {
    Path file = out != null ? out : run.resolve("neighbors").resolve("query-" + query + ".png");
    try (TrainingRun opened = RunTrainer.restoreNewest(run)) {
      QueryNeighbours result = NeighbourSearch.find(opened, query, k);
      Path name = run.toAbsolutePath().normalize().getFileName();
      NeighbourGrid.write(result, opened.train(), name == null ? "/" : name.toString(), file);
    }
    System.out.println("wrote " + file);
    return 0;
  }
}
