package dev.cmsf.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cmsf.data.FashionMnist;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cmsf compare} with a budget of a few steps per method. */
@Tag("integration")
class CompareCommandTest {
  @TempDir Path dir;
  private ConsoleCapture console;

  @BeforeAll
  static void needsFashionMnist() {
    assumeTrue(
        FashionMnist.isAvailable(null),
        "Fashion-MNIST not installed (apt-get install dataset-fashion-mnist)");
  }

  @BeforeEach
  void capture() {
    console = new ConsoleCapture();
  }

  @AfterEach
  void restore() {
    console.close();
  }

  private int compare(Path out, String methods, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "compare",
                "--methods",
                methods,
                "--out",
                out.toString(),
                "--quiet",
                "--limit",
                "128",
                "--epochs",
                "1",
                "--device",
                "cpu",
                "--set",
                "width=0.25",
                "--set",
                "batch_size=64",
                "--set",
                "bank_size=256",
                "--set",
                "knn_train_limit=200",
                "--set",
                "knn_test_limit=50"));
    args.addAll(List.of(more));
    return Main.execute(args.toArray(String[]::new));
  }

  @Test
  void twoMethods_tableHasBothFloorsAndOneRowPerMethod_andAreNotTrainedTwice() throws Exception {
    Path out = dir.resolve("cmp");

    assertThat(compare(out, "msf,xent")).as(console.err()).isZero();

    JsonNode table = new ObjectMapper().readTree(out.resolve("table.json").toFile());
    List<String> names = new ArrayList<>();
    table.get("rows").forEach(r -> names.add(r.get("name").asText()));
    assertThat(names).containsExactly("random init", "raw pixels", "msf", "xent");
    JsonNode msf = table.get("rows").get(2);
    assertThat(msf.get("knn1").asDouble()).isBetween(0.0, 1.0);
    assertThat(msf.get("purity").asDouble()).isBetween(0.0, 1.0);
    assertThat(msf.get("train_seconds").asDouble()).isPositive();
    assertThat(table.get("rows").get(3).get("purity").isNull()).isTrue(); // xent: no neighbours
    assertThat(Files.readString(out.resolve("table.md")))
        .contains("| random init |")
        .contains("| raw pixels |")
        .contains("| msf |")
        .contains("| xent |");
    assertThat(msf.get("minutes_to_reach")).hasSize(3); // the default thresholds
    assertThat(table.get("reach_percents").toString()).isEqualTo("[80.0,85.0,88.0]");
    assertThat(Files.readString(out.resolve("table.md")))
        .contains("| min to 80% | min to 85% | min to 88% |")
        .contains("compare-knn-minutes.png");
    assertThat(out.resolve("compare-knn-minutes.png")).exists();
    assertThat(out.resolve("msf/report.json")).exists();
    assertThat(out.resolve("xent/checkpoints")).isDirectory();

    long before = Files.getLastModifiedTime(out.resolve("msf/report.json")).toMillis();
    assertThat(compare(out, "msf,xent")).as(console.err()).isZero();
    assertThat(console.out()).contains("msf: complete in").contains("not trained again");
    assertThat(Files.getLastModifiedTime(out.resolve("msf/report.json")).toMillis())
        .isEqualTo(before);
  }

  @Test
  void twoMethodsTwoSeeds_meanAndSdPerSeedValuesAndAPairedComparison() throws Exception {
    Path out = dir.resolve("seeds");

    assertThat(compare(out, "msf,byol", "--seeds", "0,1")).as(console.err()).isZero();

    for (String run : List.of("msf-seed0", "byol-seed0", "msf-seed1", "byol-seed1")) {
      assertThat(out.resolve(run).resolve("report.json")).exists();
    }
    assertThat(out.resolve("msf")).doesNotExist();
    // one seed, one set of initial weights: the same random-init kNN for both methods
    assertThat(knnAtRandomInit(out.resolve("byol-seed1")))
        .isEqualTo(knnAtRandomInit(out.resolve("msf-seed1")));
    JsonNode table = new ObjectMapper().readTree(out.resolve("table.json").toFile());
    assertThat(table.get("seeds").toString()).isEqualTo("[0,1]");
    JsonNode msf = table.get("rows").get(2);
    assertThat(msf.get("name").asText()).isEqualTo("msf");
    JsonNode perSeed = msf.get("per_seed");
    assertThat(perSeed).hasSize(2);
    assertThat(perSeed.get(1).get("seed").asLong()).isEqualTo(1);
    double mean =
        (perSeed.get(0).get("knn1").asDouble() + perSeed.get(1).get("knn1").asDouble()) / 2;
    assertThat(msf.get("knn1").asDouble()).isCloseTo(mean, within(1e-12));
    assertThat(msf.get("sd").get("knn1").asDouble()).isNotNegative();
    assertThat(table.get("rows").get(0).get("per_seed")).hasSize(2); // a floor per seed
    JsonNode paired = table.get("paired");
    assertThat(paired).hasSize(3); // byol - msf on 1-NN, weighted and majority 20-NN
    assertThat(paired.get(0).get("first").asText()).isEqualTo("byol");
    assertThat(paired.get(0).get("differences")).hasSize(2);
    assertThat(paired.get(0).get("verdict").asText())
        .isIn("exceeds seed noise at p<0.05", "within seed noise");
    assertThat(Files.readString(out.resolve("table.md")))
        .contains("seeds 0, 1, label noise")
        .contains("Command: `cmsf compare --methods msf,byol --out " + out)
        .contains("--seeds 0,1`")
        .contains("| msf | ")
        .contains(" ± ")
        .contains("## Paired comparison")
        .contains("| byol − msf | kNN 1-NN |");
  }

  private static String knnAtRandomInit(Path run) throws Exception {
    JsonNode floor = new ObjectMapper().readTree(run.resolve("random_init.json").toFile());
    return floor.get("knn1") + " " + floor.get("knn20") + " " + floor.get("knn20_majority");
  }

  @Test
  void seedsThatAreNoSeeds_stopBeforeAnyTrainingInOneLineNamingTheOption() {
    Path out = dir.resolve("cmp");
    String[][] cases = {
      {"--seeds", "0,x"},
      {"--seeds", "0,-1"},
      {"--seeds", "0,1,0"},
      {"--seeds", "0,1", "--seed", "3"},
      {"--seeds", "0,1", "--baseline", "xent"},
    };
    String[] messages = {
      "cmsf: error: --seeds x: expected whole numbers from 0 to 2147483647, such as --seeds"
          + " 0,1,2",
      "cmsf: error: --seeds -1: expected whole numbers from 0 to 2147483647, such as --seeds"
          + " 0,1,2",
      "cmsf: error: --seeds 0,1,0: seed 0 is named twice; each seed is one repetition",
      "cmsf: error: --seed and --seeds: give one; --seeds trains with each of its seeds",
      "cmsf: error: --baseline xent: not one of --methods msf,byol",
    };
    for (int i = 0; i < cases.length; i++) {
      console.close();
      console = new ConsoleCapture();
      List<String> args =
          new ArrayList<>(List.of("compare", "--methods", "msf,byol", "--out", out.toString()));
      args.addAll(List.of(cases[i]));

      int code = Main.execute(args.toArray(String[]::new));

      assertThat(code).as(String.join(" ", cases[i])).isEqualTo(Main.USAGE);
      assertThat(console.err().strip()).isEqualTo(messages[i]);
      assertThat(out).doesNotExist();
    }
  }

  @Test
  void aReachThatIsNoPercentage_stopsBeforeAnyTrainingInOneLine() {
    Path out = dir.resolve("cmp");

    int code =
        Main.execute("compare", "--methods", "msf", "--out", out.toString(), "--reach", "85,150");

    assertThat(code).isEqualTo(Main.USAGE);
    assertThat(console.err().strip())
        .isEqualTo(
            "cmsf: error: --reach 150: expected a"
                + " percentage above 0 and at most 100, such as --reach 85,88");
    assertThat(out).doesNotExist();
  }

  @Test
  void aMethodThatRefusesTheBudget_stopsBeforeAnyTraining() {
    Path out = dir.resolve("cmp");

    int code =
        Main.execute(
            "compare", "--methods", "cmsf-sup,msf", "--out", out.toString(), "--set", "k=all");

    assertThat(code).isEqualTo(Main.USAGE);
    assertThat(console.err()).contains("--methods msf: key 'k' = all");
    assertThat(out.resolve("cmsf-sup")).doesNotExist();
  }
}
