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

    int code = Main.execute("report", msf.toString(), byol.toString(), "--out",
        compare.toString());

    assertThat(code).isZero();
    assertThat(msf.resolve("report.md")).exists();
    assertThat(byol.resolve("plots/knn.png")).exists();
    assertThat(compare.resolve("compare.md")).exists();
    assertThat(compare.resolve("compare-loss.png")).exists();
    assertThat(compare.resolve("compare-knn.png")).exists();
    assertThat(console.out()).contains("wrote " + compare.resolve(
        "compare.md"));
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
  void truncatedLastLine_isAWarningNotAnError() throws Exception {
    Path run = SyntheticRun.in(dir.resolve("crashed")).write();
    Files.writeString(run.resolve("metrics.jsonl"), "{\"ty", StandardOpenOption.APPEND);

    int code = Main.execute("report", run.toString());

    assertThat(code).isZero();
    assertThat(console.err())
        .contains("cmsf: warning: ")
        .contains("incomplete last line");
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
