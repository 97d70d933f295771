package dev.cmsf.inspect;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cmsf.cli.Main;
import dev.cmsf.config.ConfigException;
import dev.cmsf.config.ConfigLoader;
import dev.cmsf.config.TrainConfig;
import dev.cmsf.data.FashionMnist;
import dev.cmsf.memory.MemoryBank;
import dev.cmsf.method.MeanShiftStep;
import dev.cmsf.report.Progress;
import dev.cmsf.train.RunTrainer;
import dev.cmsf.train.TrainingRun;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cmsf neighbors} on tiny real runs (10 steps of 64 images): the neighbour lists a
 * method's search produces, the PNG grid and the user mistakes.
 */
@Tag("integration")
class NeighboursIntegrationTest {
  private static final int IMAGES = 640;

  @TempDir static Path dir;
  private static Path msfDir;
  private static Path supervisedDir;
  private static TrainingRun msf;
  private static TrainingRun supervised;

  @BeforeAll
  static void trainTinyRuns() throws Exception {
    assumeTrue(
        FashionMnist.isAvailable(null),
        "Fashion-MNIST not installed (apt-get install dataset-fashion-mnist)");
    msfDir = dir.resolve("msf-run");
    supervisedDir = dir.resolve("sup-run");
    new RunTrainer(Progress.none()).train(tiny("msf"), msfDir, false);
    new RunTrainer(Progress.none()).train(tiny("cmsf-sup"), supervisedDir, false);
    msf = RunTrainer.restoreNewest(msfDir);
    supervised = RunTrainer.restoreNewest(supervisedDir);
  }

  @AfterAll
  static void closeRuns() {
    for (TrainingRun run : new TrainingRun[] {msf, supervised}) {
      if (run != null) {
        run.close();
      }
    }
  }

  /** A width-0.25 ResNet-18 trained for one epoch of 10 steps; the bank has 640 of 1000 rows. */
  private static TrainConfig tiny(String method) {
    return ConfigLoader.load(
        TrainConfig.defaults(),
        null,
        List.of(
            "method=" + method,
            "limit=" + IMAGES,
            "epochs=1",
            "width=0.25",
            "batch_size=64",
            "bank_size=1000",
            "knn_train_limit=1000",
            "knn_test_limit=200",
            "device=cpu"));
  }

  @Test
  void search_listsKFilledRowsNearestFirstWithRanksOneToK() {
    QueryNeighbours result = NeighbourSearch.find(msf, 17, 6);

    assertThat(result.query()).isEqualTo(17);
    assertThat(result.queryClass()).isEqualTo(msf.train().label(17));
    assertThat(result.filledRows()).isEqualTo(IMAGES);
    assertThat(result.unconstrained()).hasSize(6);
    assertThat(result.unconstrained())
        .extracting(BankNeighbour::rank)
        .containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(result.unconstrained())
        .extracting(BankNeighbour::distance)
        .isSorted()
        .allSatisfy(d -> assertThat(d).isBetween(-1e-4, 4.0001));
    MemoryBank bank = ((MeanShiftStep) msf.step()).bank();
    assertThat(result.unconstrained())
        .allSatisfy(
            n -> {
              assertThat(bank.imageIndex(n.row())).isEqualTo(n.image()).isNotNegative();
              assertThat(n.label()).isEqualTo(msf.train().label(n.image()));
            });
  }

  @Test
  void unconstrainedMethod_givesTheSameRowTwice() {
    QueryNeighbours result = NeighbourSearch.find(msf, 3, 5);

    assertThat(result.constrainedMethod()).isFalse();
    assertThat(result.constrained()).isEqualTo(result.unconstrained());
  }

  @Test
  void supervised_constrainedNeighboursShareTheQuerysClass() {
    int k = 8;
    MemoryBank bank = ((MeanShiftStep) supervised.step()).bank();
    int checked = 0;
    for (int query : new int[] {0, 1, 2, 50, 333, IMAGES - 1}) {
      QueryNeighbours result = NeighbourSearch.find(supervised, query, k);
      int sameClassRows =
          (int)
              IntStream.range(0, bank.size())
                  .filter(r -> bank.imageIndex(r) >= 0 && bank.truth(r) == result.queryClass())
                  .count();
      if (sameClassRows < k) {
        continue; // the constraint cannot fill k rows; disallowed rows fill up, as in training
      }
      checked++;

      assertThat(result.constrainedMethod()).isTrue();
      assertThat(result.constrained())
          .hasSize(k)
          .allSatisfy(
              n -> {
                assertThat(n.label()).isEqualTo(result.queryClass());
                assertThat(n.allowed()).isTrue();
                assertThat(bank.imageIndex(n.row())).isNotNegative();
              });
      assertThat(result.constrained()).extracting(BankNeighbour::distance).isSorted();
      assertThat(result.constrained()).extracting(BankNeighbour::rank).isSorted();
      assertThat(result.unconstrained())
          .extracting(BankNeighbour::rank)
          .containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
    }
    assertThat(checked).as("queries with k rows of their class in the bank").isPositive();
  }

  @Test
  void search_refusesKBeyondTheFilledRows() {
    assertThatThrownBy(() -> NeighbourSearch.find(msf, 0, IMAGES + 1))
        .isInstanceOf(ConfigException.class)
        .hasMessage("--k 641: expected 1..640 (the filled memory bank rows)");
    assertThatThrownBy(() -> NeighbourSearch.find(msf, 0, 0))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("--k 0: expected 1..640");
  }

  @Test
  void neighbors_writesAGridOfTheQueryAndBothNeighbourRows() throws Exception {
    Cli cli = Cli.run("neighbors", "--run", msfDir.toString(), "--query", "5", "--k", "5");

    Path png = msfDir.resolve("neighbors").resolve("query-5.png");
    assertThat(cli.code).isZero();
    assertThat(cli.out).contains("wrote " + png);
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image).isNotNull();
    int tile = 4 * 28; // 28 px images scaled 4x
    int cellWidth = tile + 2 * NeighbourGrid.BORDER + NeighbourGrid.GAP;
    int rowHeight = tile + 2 * NeighbourGrid.BORDER + NeighbourGrid.TEXT_HEIGHT + NeighbourGrid.GAP;
    assertThat(image.getWidth())
        .isEqualTo(2 * NeighbourGrid.MARGIN + NeighbourGrid.LABEL_WIDTH + 5 * cellWidth);
    assertThat(image.getHeight())
        .isEqualTo(2 * NeighbourGrid.MARGIN + NeighbourGrid.TITLE_HEIGHT + 3 * rowHeight);
    assertThat(distinctColours(image)).isGreaterThan(10);
  }

  @Test
  void neighbors_writesWhereOutSays() throws Exception {
    Path png = dir.resolve("elsewhere").resolve("sup.png");
    String run = supervisedDir.toString();
    Cli cli = Cli.run("neighbors", "--run", run, "--query", "9", "--out", png.toString());

    assertThat(cli.code).isZero();
    BufferedImage image = ImageIO.read(png.toFile());
    int cellWidth = 4 * 28 + 2 * NeighbourGrid.BORDER + NeighbourGrid.GAP;
    assertThat(image.getWidth())
        .as("the default k = 8")
        .isEqualTo(2 * NeighbourGrid.MARGIN + NeighbourGrid.LABEL_WIDTH + 8 * cellWidth);
  }

  @Test
  void neighbors_badQueryIndexIsAUserMistake() {
    Cli cli = Cli.run("neighbors", "--run", msfDir.toString(), "--query", "640");

    assertThat(cli.code).isEqualTo(Main.USAGE);
    assertThat(cli.errors())
        .containsExactly("cmsf: error: --query 640: expected a training image index in 0..639");
  }

  @Test
  void neighbors_kTooLargeIsAUserMistake() {
    Cli cli = Cli.run("neighbors", "--run", msfDir.toString(), "--query", "0", "--k", "5000");

    assertThat(cli.code).isEqualTo(Main.USAGE);
    assertThat(cli.errors())
        .containsExactly("cmsf: error: --k 5000: expected 1..640 (the filled memory bank rows)");
  }

  @Test
  void neighbors_runWithoutCheckpointIsAUserMistake() throws Exception {
    Path empty = dir.resolve("no-checkpoint");
    Files.createDirectories(empty);
    Files.copy(msfDir.resolve("config.yaml"), empty.resolve("config.yaml"));

    Cli cli = Cli.run("neighbors", "--run", empty.toString(), "--query", "0");

    assertThat(cli.code).isEqualTo(Main.USAGE);
    assertThat(cli.errors())
        .singleElement(as(InstanceOfAssertFactories.STRING))
        .startsWith("cmsf: error: ")
        .contains("no checkpoint");
  }

  private static int distinctColours(BufferedImage image) {
    return (int)
        IntStream.range(0, image.getWidth() * image.getHeight())
            .map(p -> image.getRGB(p % image.getWidth(), p / image.getWidth()))
            .distinct()
            .count();
  }

  /** Exit code and output of one command line. */
  private record Cli(int code, String out, String err) {
    /** The command's own lines of standard error (log lines left out). */
    List<String> errors() {
      return err.lines().filter(line -> line.startsWith("cmsf:")).toList();
    }

    static Cli run(String... args) {
      PrintStream originalOut = System.out;
      PrintStream originalErr = System.err;
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      try {
        int code = Main.execute(args);
        return new Cli(
            code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
      } finally {
        System.setOut(originalOut);
        System.setErr(originalErr);
      }
    }
  }
}
