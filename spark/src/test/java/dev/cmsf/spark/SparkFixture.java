package dev.cmsf.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cmsf.api.Embeddings;
import dev.cmsf.cli.Main;
import dev.cmsf.config.ConfigLoader;
import dev.cmsf.config.TrainConfig;
import dev.cmsf.data.FashionMnist;
import dev.cmsf.data.IdxDataset;
import dev.cmsf.data.Split;
import dev.cmsf.report.Progress;
import dev.cmsf.train.RunTrainer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * What every Spark test compares against, made once per JVM: a tiny trained run, its export, real
 * image files written from Fashion-MNIST (references: 30 training images per class, queries: 10
 * test images per class, every fourth a JPEG, in class folders c0..c9) and {@code cmsf embed}'s
 * embeddings of both folders.
 */
final class SparkFixture {
  static final int PER_CLASS_REFERENCE = 30;
  static final int PER_CLASS_QUERY = 10;

  private static SparkFixture shared;

  final Path dir;
  final Path run;
  final Path encoder;
  final Path references;
  final Path queries;
  final Path referenceNpy;
  final Path queryNpy;

  private SparkFixture(Path dir) throws Exception {
    this.dir = dir;
    run = dir.resolve("run");
    TrainConfig tiny =
        ConfigLoader.load(
            TrainConfig.defaults(),
            null,
            List.of(
                "limit=256",
                "epochs=1",
                "width=0.125",
                "batch_size=64",
                "bank_size=256",
                "knn_train_limit=256",
                "knn_test_limit=64",
                "device=cpu"));
    new RunTrainer(Progress.none()).train(tiny, run, false);
    encoder = dir.resolve("export");
    cli("export", "--run", run.toString(), "--out", encoder.toString());
    references = write(Split.TRAIN, PER_CLASS_REFERENCE, dir.resolve("references"));
    queries = write(Split.TEST, PER_CLASS_QUERY, dir.resolve("queries"));
    referenceNpy = dir.resolve("references.npy");
    queryNpy = dir.resolve("queries.npy");
    cli(
        "embed",
        "--run",
        run.toString(),
        "--data",
        references.toString(),
        "--out",
        referenceNpy.toString(),
        "--quiet");
    cli(
        "embed",
        "--run",
        run.toString(),
        "--data",
        queries.toString(),
        "--out",
        queryNpy.toString(),
        "--quiet");
  }

  /** The fixture, made on first use; skips the test when Fashion-MNIST is not installed. */
  static synchronized SparkFixture get() throws Exception {
    assumeTrue(
        FashionMnist.isAvailable(null), "Fashion-MNIST not installed (dataset-fashion-mnist)");
    if (shared == null) {
      Path dir = Files.createTempDirectory("cmsf-spark-test");
      shared = new SparkFixture(dir);
    }
    return shared;
  }

  /** Runs a core CLI command; its standard output. */
  static String cli(String... args) {
    PrintStream out = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    int code;
    try (PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
      System.setOut(capture);
      code = Main.execute(args);
    } finally {
      System.setOut(out);
    }
    assertThat(code).as("cmsf %s", Arrays.toString(args)).isZero();
    return captured.toString(StandardCharsets.UTF_8);
  }

  /** cmsf embed's rows of a folder: the CSV's (path relative to the folder, label) and vectors. */
  record Embedded(List<String> paths, int[] labels, Embeddings vectors) {}

  static Embedded read(Path npy) throws Exception {
    List<String> csv =
        Files.readAllLines(
            npy.resolveSibling(npy.getFileName().toString().replace(".npy", ".csv")));
    List<String[]> rows = csv.subList(1, csv.size()).stream().map(l -> l.split(",")).toList();
    return new Embedded(
        rows.stream().map(r -> r[1]).toList(),
        rows.stream().mapToInt(r -> Integer.parseInt(r[2])).toArray(),
        Embeddings.read(npy));
  }

  private static Path write(Split split, int perClass, Path folder) throws Exception {
    IdxDataset images = FashionMnist.load(null, split);
    float[] pixels = new float[images.pixelsPerImage()];
    int[] written = new int[10];
    int n = 0;
    for (int i = 0; i < images.size() && n < 10 * perClass; i++) {
      int label = images.label(i);
      if (written[label] == perClass) {
        continue;
      }
      images.readImage(i, pixels);
      String format = n % 4 == 3 ? "jpg" : "png";
      Path file = folder.resolve("c" + label).resolve(String.format("%05d.%s", i, format));
      Files.createDirectories(file.getParent());
      assertThat(ImageIO.write(gray(pixels, images.width()), format, file.toFile())).isTrue();
      written[label]++;
      n++;
    }
    return folder;
  }

  static BufferedImage gray(float[] pixels, int side) {
    BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_GRAY);
    for (int p = 0; p < pixels.length; p++) {
      image.getRaster().setSample(p % side, p / side, 0, Math.round(pixels[p] * 255));
    }
    return image;
  }
}
