package dev.cmsf.cli;

import static org.assertj.core.api.Assertions.assertThat;
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

  private int compare(Path out, String methods) {
    return Main.execute("compare", "--methods", methods, "--out", out.toString(), "--quiet",
        "--limit", "128", "--epochs", "1", "--device", "cpu", "--set", "width=0.25",
        "--set", "batch_size=64", "--set", "bank_size=256", "--set", "knn_train_limit=200",
        "--set", "knn_test_limit=50");
  }

  @Test
  void twoMethods_tableHasBothFloorsAndOneRowPerMethod_andAreNotTrainedTwice()
      throws Exception {
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
  void aReachThatIsNoPercentage_stopsBeforeAnyTrainingInOneLine() {
    Path out = dir.resolve("cmp");

    int code = Main.execute("compare", "--methods", "msf", "--out", out.toString(),
        "--reach", "85,150");

    assertThat(code).isEqualTo(Main.USAGE);
    assertThat(console.err().strip()).isEqualTo("cmsf: error: --reach 150: expected a"
        + " percentage above 0 and at most 100, such as --reach 85,88");
    assertThat(out).doesNotExist();
  }

  @Test
  void aMethodThatRefusesTheBudget_stopsBeforeAnyTraining() {
    Path out = dir.resolve("cmp");

    int code = Main.execute("compare", "--methods", "cmsf-sup,msf", "--out", out.toString(),
        "--set", "k=all");

    assertThat(code).isEqualTo(Main.USAGE);
    assertThat(console.err()).contains("--methods msf: key 'k' = all");
    assertThat(out.resolve("cmsf-sup")).doesNotExist();
  }
}
