package dev.cmsf.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files of cmsf report: readable PNGs, a markdown report with the right numbers. */
class ReportWriterTest {
  @TempDir Path dir;

  @Test
  void runReport_writesFivePlotsThatDecodeAtTheirSizeAndShowSomething() throws Exception {
    Path run = SyntheticRun.in(dir.resolve("msf")).write();

    ReportWriter.writeRun(RunSummary.load(run));

    for (String name : List.of("loss.png", "purity.png", "lr.png", "knn.png", "ranks.png")) {
      assertReadablePlot(run.resolve("plots").resolve(name));
    }
  }

  @Test
  void runReport_tablesTrainedAgainstRandomInitKnn() throws Exception {
    Path run = SyntheticRun.in(dir.resolve("msf")).write();

    String md = Files.readString(ReportWriter.writeRun(RunSummary.load(run)));

    assertThat(md)
        .contains("# Run msf")
        .contains("**msf** on **fashion-mnist**, resnet18 (cifar stem, width 0.25), 3 epochs")
        .contains("| protocol | trained | random init | gain (points) |")
        .contains("| 1-NN | 79.22% | 72.64% | +6.58 |")
        .contains("| 20-NN (weighted) | 80.64% | 75.41% | +5.23 |")
        .contains("| 20-NN (majority) | 80.57% | 75.38% | +5.19 |")
        .contains("throughput: 317.5 image pairs/s")
        .contains("![Training loss](plots/loss.png)")
        .contains("![kNN top-1 on the test split](plots/knn.png)")
        .contains("```yaml\nmethod: msf\nepochs: 3\nbatch_size: 64\n```")
        .doesNotContain("Linear probe");
  }

  @Test
  void semiSupervisedRun_getsAPseudoLabelPlotAndTable_otherRunsNeither() throws Exception {
    Path semi = SyntheticRun.in(dir.resolve("semi")).withPseudoLabels().write();
    Path msf = SyntheticRun.in(dir.resolve("msf")).write();

    String semiMd = Files.readString(ReportWriter.writeRun(RunSummary.load(semi)));
    String msfMd = Files.readString(ReportWriter.writeRun(RunSummary.load(msf)));

    assertReadablePlot(semi.resolve("plots/pseudo.png"));
    assertThat(semiMd)
        .contains("## Pseudo-labels of the unlabelled images")
        .contains("| 3 | 580 | 80.00% | 90.00% | 80.00% |")
        .contains("![Pseudo-labels of unlabelled images](plots/pseudo.png)");
    assertThat(msf.resolve("plots/pseudo.png")).doesNotExist();
    assertThat(msfMd).doesNotContain("Pseudo-labels");
  }

  @Test
  void runReport_showsTheLinearProbe_whenReportJsonHasOne() throws Exception {
    Path run = SyntheticRun.in(dir.resolve("msf")).withLinear(0.8531).write();

    String md = Files.readString(ReportWriter.writeRun(RunSummary.load(run)));

    assertThat(md).contains("## Linear probe").contains("| 85.31% | 99.12% |");
  }

  @Test
  void runWithoutPurity_skipsThePurityPlotWithANote() throws Exception {
    Path run = SyntheticRun.in(dir.resolve("byol")).withoutPurity().write();

    String md = Files.readString(ReportWriter.writeRun(RunSummary.load(run)));

    assertThat(run.resolve("plots/purity.png")).doesNotExist();
    assertThat(md).contains("*Neighbour purity: not drawn, no step logged a purity");
    assertThat(run.resolve("plots/ranks.png")).doesNotExist();
    assertThat(md).contains("not drawn, no epoch logged a rank histogram");
    assertReadablePlot(run.resolve("plots/loss.png"));
  }

  @Test
  void runReport_linksTheRankHistogram_whenEpochsLoggedOne() throws Exception {
    Path run = SyntheticRun.in(dir.resolve("cmsf-2q")).write();

    String md = Files.readString(ReportWriter.writeRun(RunSummary.load(run)));

    assertThat(md)
        .contains("![Ranks of the constrained neighbours in unconstrained order](plots/ranks.png)");
  }

  @Test
  void truncatedLastMetricsLine_stillGivesAReport_withANote() throws Exception {
    Path run = SyntheticRun.in(dir.resolve("crashed")).write();
    Files.writeString(run.resolve("metrics.jsonl"), "{\"type\":\"ep", StandardOpenOption.APPEND);

    String md = Files.readString(ReportWriter.writeRun(RunSummary.load(run)));

    assertThat(md).contains("> Note: ").contains("incomplete last line");
    assertReadablePlot(run.resolve("plots/loss.png"));
  }

  @Test
  void twoRuns_compareInOneTableRowEachWithOverlaidCurves() throws Exception {
    RunSummary msf = RunSummary.load(SyntheticRun.in(dir.resolve("msf")).write());
    RunSummary byol = RunSummary.load(SyntheticRun.in(dir.resolve("byol")).withoutPurity().write());
    Path out = dir.resolve("compare");

    String md = Files.readString(ReportWriter.writeComparison(List.of(msf, byol), out));

    assertThat(md.lines().filter(l -> l.startsWith("| msf |") || l.startsWith("| byol |")))
        .hasSize(2);
    assertThat(md).contains("| msf | msf | 3 | 79.22% | 80.64% | 72.64% | 75.41% | 30 | 317.5 |");
    assertReadablePlot(out.resolve("compare-loss.png"));
    assertReadablePlot(out.resolve("compare-knn.png"));
  }

  @Test
  void runsInDirectoriesOfTheSameName_getDistinctNames() throws Exception {
    RunSummary a = RunSummary.load(SyntheticRun.in(dir.resolve("a/msf")).write());
    RunSummary b = RunSummary.load(SyntheticRun.in(dir.resolve("b/msf")).write());

    assertThat(ReportWriter.distinctNames(List.of(a, b)))
        .extracting(RunSummary::name)
        .containsExactly("msf", "msf (2)");
  }

  /** The PNG decodes at the plot size and is not one flat colour. */
  static void assertReadablePlot(Path png) throws Exception {
    assertThat(png).exists();
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image).as(png.toString()).isNotNull();
    assertThat(image.getWidth()).isEqualTo(Plots.WIDTH);
    assertThat(image.getHeight()).isEqualTo(Plots.HEIGHT);
    long distinct =
        IntStream.range(0, image.getHeight())
            .flatMap(y -> IntStream.range(0, image.getWidth()).map(x -> image.getRGB(x, y)))
            .distinct()
            .count();
    assertThat(distinct).as("colours in " + png.getFileName()).isGreaterThan(10);
  }
}
