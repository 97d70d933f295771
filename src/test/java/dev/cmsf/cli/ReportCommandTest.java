package dev.cmsf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cmsf.report.SyntheticRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code cmsf report} from the command line. */
class ReportCommandTest {
  @TempDir Path dir;
  private ConsoleCapture console;

  @BeforeEach
  void capture() {
    console = new ConsoleCapture();
  }

  @AfterEach
  void restore() {
    console.close();
  }

  @Test
  void twoRuns_writeEachReportAndTheComparisonIntoOut() throws Exception {
    Path msf = SyntheticRun.in(dir.resolve("msf")).write();
    Path byol = SyntheticRun.in(dir.resolve("byol")).withoutPurity().write();
    Path compare = dir.resolve("cmp");

    int code = Main.execute("report", msf.toString(), byol.toString(), "--out", compare.toString());

    assertThat(code).isZero();
    assertThat(msf.resolve("report.md")).exists();
    assertThat(byol.resolve("plots/knn.png")).exists();
    assertThat(compare.resolve("compare.md")).exists();
    assertThat(compare.resolve("compare-loss.png")).exists();
    assertThat(compare.resolve("compare-knn.png")).exists();
    assertThat(console.out()).contains("wrote " + compare.resolve("compare.md"));
  }

  @Test
  void oneRun_writesNoComparison() throws Exception {
    Path msf = SyntheticRun.in(dir.resolve("msf")).write();

    int code = Main.execute("report", msf.toString());

    assertThat(code).isZero();
    assertThat(msf.resolve("report.md")).exists();
    assertThat(console.out()).doesNotContain("compare.md");
  }

  @Test
  void reachCommaList_tablesTheMinutesToEachThreshold_inReportAndComparison() throws Exception {
    Path msf = SyntheticRun.in(dir.resolve("msf")).write();
    Path compare = dir.resolve("cmp");

    int code =
        Main.execute(
            "report",
            msf.toString(),
            "--reach",
            "88,80",
            "--reach",
            "79.5%",
            "--out",
            compare.toString());

    assertThat(code).as(console.err()).isZero();
    assertThat(Files.readString(msf.resolve("report.md")))
        .contains("| 79.5% | 0.38 |")
        .contains("| 80% | 0.43 |")
        .contains("| 88% | – |")
        .contains("![kNN top-1 against training minutes](plots/knn-minutes.png)");
    assertThat(Files.readString(compare.resolve("compare.md")))
        .contains("| min to 79.5% | min to 80% | min to 88% |");
    assertThat(compare.resolve("compare-knn-minutes.png")).exists();
  }

  @Test
  void withoutReach_theDefaultThresholdsAreTabled() throws Exception {
    Path msf = SyntheticRun.in(dir.resolve("msf")).write();

    assertThat(Main.execute("report", msf.toString())).isZero();

    assertThat(Files.readString(msf.resolve("report.md")))
        .contains("| 80% | 0.43 |")
        .contains("| 85% | – |")
        .contains("| 88% | – |");
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "150", "0", "85,-1", "NaN"})
  void badReach_exitsWithCodeTwoAndOneLineNamingIt_andWritesNothing(String value) throws Exception {
    Path msf = SyntheticRun.in(dir.resolve("msf")).write();

    int code = Main.execute("report", msf.toString(), "--reach", value);

    assertThat(code).isEqualTo(2);
    String bad = value.contains(",") ? value.substring(value.indexOf(',') + 1) : value;
    assertThat(console.err().strip())
        .isEqualTo(
            "cmsf: error: --reach "
                + bad
                + ": expected a percentage above 0 and at most 100, such as --reach 85,88");
    assertThat(msf.resolve("report.md")).doesNotExist();
  }

  @Test
  void truncatedLastLine_isAWarningNotAnError() throws Exception {
    Path run = SyntheticRun.in(dir.resolve("crashed")).write();
    Files.writeString(run.resolve("metrics.jsonl"), "{\"ty", StandardOpenOption.APPEND);

    int code = Main.execute("report", run.toString());

    assertThat(code).isZero();
    assertThat(console.err()).contains("cmsf: warning: ").contains("incomplete last line");
  }

  @Test
  void directoryWithoutMetrics_exitsWithCodeTwoNamingIt_andWritesNothing() throws Exception {
    Path good = SyntheticRun.in(dir.resolve("msf")).write();
    Path empty = Files.createDirectories(dir.resolve("not-a-run"));

    int code = Main.execute("report", good.toString(), empty.toString());

    assertThat(code).isEqualTo(2);
    assertThat(console.err().strip())
        .isEqualTo("cmsf: error: " + empty + ": not a run directory (no metrics.jsonl)");
    assertThat(good.resolve("report.md")).doesNotExist();
  }
}
