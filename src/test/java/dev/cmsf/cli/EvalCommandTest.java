package dev.cmsf.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cmsf.data.FashionMnist;
import dev.cmsf.eval.FeatureCache;
import dev.cmsf.train.RunDirectory;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The evaluation commands on a tiny trained run over a small copy of Fashion-MNIST (1,200
 * training and 300 test images): what each adds to report.json, what it prints, and what it
 * leaves alone.
 */
@Tag("integration")
class EvalCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path shared;
  private static Path trained;
  @TempDir Path dir;

  @BeforeAll
  static void trainATinyRun() throws IOException {
    assumeTrue(FashionMnist.isAvailable(null), "Fashion-MNIST not installed");
    Path data = shared.resolve("data");
    copyFirst("train", 1200, data);
    copyFirst("t10k", 300, data);
    trained = shared.resolve("run");
    int code =
        Main.execute(
            "train",
            "--data",
            data.toString(),
            "--epochs",
            "1",
            "--set",
            "width=0.125",
            "--set",
            "batch_size=64",
            "--set",
            "bank_size=256",
            "--set",
            "knn_every=0",
            "--out",
            trained.toString(),
            "--quiet");
    assertThat(code).isZero();
  }

  @Test
  void finetune_addsOneResultAndOneLineAndLeavesTheCheckpointUnchanged() throws IOException {
    Path run = copyOfRun();
    Path checkpoint = RunDirectory.open(run).latestCheckpoint().orElseThrow();
    byte[] before = Files.readAllBytes(checkpoint);
    var checkpointsBefore = RunDirectory.open(run).checkpointsNewestFirst();

    Console c =
        run(
            "eval",
            "finetune",
            "--run",
            run.toString(),
            "--labelled",
            "0.05",
            "--epochs",
            "2",
            "--batch-size",
            "16");

    assertThat(c.code).isZero();
    assertThat(c.out.lines().toList()).singleElement().asString().startsWith("fine-tuned ");
    JsonNode report = JSON.readTree(run.resolve("report.json").toFile());
    JsonNode finetune = report.get("finetune");
    assertThat(finetune.get("mode").asText()).isEqualTo("finetune");
    assertThat(finetune.get("labelled_spec").asText()).isEqualTo("0.05");
    assertThat(finetune.get("labelled").asInt()).isBetween(50, 70); // 5% of ~120 per class
    assertThat(finetune.get("epochs").asInt()).isEqualTo(2);
    assertThat(finetune.get("test_size").asInt()).isEqualTo(300);
    assertThat(finetune.get("top1").asDouble()).isBetween(0.0, 1.0);
    assertThat(report.has("knn1")).isTrue(); // the training's keys stay
    assertThat(Files.readAllBytes(checkpoint)).isEqualTo(before);
    assertThat(RunDirectory.open(run).checkpointsNewestFirst())
        .first()
        .isEqualTo(checkpoint); // no checkpoint added, none removed
    assertThat(RunDirectory.open(run).checkpointsNewestFirst())
        .containsExactlyElementsOf(checkpointsBefore);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "1.5", "-0.1", "no-such-names.txt"})
  void finetune_badLabelled_isOneLineNamingTheOption(String labelled) {
    Console c = run("eval", "finetune", "--run", trained.toString(), "--labelled", labelled);

    assertThat(c.code).isEqualTo(Main.USAGE);
    assertThat(c.err.lines().toList())
        .singleElement()
        .asString()
        .startsWith("cmsf: error: --labelled " + labelled + ": ");
  }

  @Test
  void finetune_withoutLabelledOnARunWithoutTheKey_isOneLineNamingTheOption() {
    Console c = run("eval", "finetune", "--run", trained.toString());

    assertThat(c.code).isEqualTo(Main.USAGE);
    assertThat(c.err.lines().toList()).singleElement().asString().contains("--labelled");
  }

  @Test
  void knnAndLinear_addOneResultEach_andReuseFeaturesUntilTheCheckpointChanges()
      throws IOException {
    Path run = copyOfRun();
    Path train = run.resolve("features").resolve("train.bin");

    Console knn = run("eval", "knn", "--run", run.toString());
    assertThat(knn.code).isZero();
    assertThat(knn.out.lines().toList()).singleElement().asString().startsWith("kNN of ");
    FileTime extracted = Files.getLastModifiedTime(train);

    Console linear = run("eval", "linear", "--run", run.toString(), "--epochs", "2");
    Console again = run("eval", "knn", "--run", run.toString());
    assertThat(linear.out.lines().toList())
        .singleElement()
        .asString()
        .startsWith("linear probe of ");
    assertThat(again.out.lines().toList()).hasSize(1);
    assertThat(Files.getLastModifiedTime(train)).isEqualTo(extracted); // reused, not rewritten
    JsonNode report = JSON.readTree(run.resolve("report.json").toFile());
    assertThat(report.get("knn_train").get("knn20").asDouble())
        .isEqualTo(report.get("knn20").asDouble()); // the training's final kNN, same features
    assertThat(report.get("linear").get("epochs").asInt()).isEqualTo(2);

    assertThat(run("train", "--resume", run.toString(), "--epochs", "2", "--quiet").code).isZero();
    assertThat(run("eval", "knn", "--run", run.toString()).code).isZero();
    Path newest = RunDirectory.open(run).latestCheckpoint().orElseThrow();
    assertThat(
            new FeatureCache(run.resolve("features"), FeatureCache.Stamp.of(newest)).read("train"))
        .isPresent(); // recomputed for the new checkpoint
  }

  private record Console(int code, String out, String err) {}

  private static Console run(String... args) {
    try (ConsoleCapture capture = new ConsoleCapture()) {
      int code = Main.execute(args);
      return new Console(code, capture.out(), capture.err());
    }
  }

  /** A copy of the trained run, for a test that changes it. */
  private Path copyOfRun() throws IOException {
    Path copy = dir.resolve("run");
    try (Stream<Path> files = Files.walk(trained)) {
      for (Path p : files.sorted(Comparator.naturalOrder()).toList()) {
        Path target = copy.resolve(trained.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    return copy;
  }

  /** The first {@code n} images and labels of a Fashion-MNIST split, as gzip IDX files. */
  private static void copyFirst(String prefix, int n, Path dir) throws IOException {
    Files.createDirectories(dir);
    copyFirst(prefix + "-images-idx3-ubyte.gz", 16, 28 * 28, n, dir);
    copyFirst(prefix + "-labels-idx1-ubyte.gz", 8, 1, n, dir);
  }

  private static void copyFirst(String name, int header, int recordBytes, int n, Path dir)
      throws IOException {
    try (InputStream raw = Files.newInputStream(FashionMnist.DEFAULT_DIR.resolve(name));
        DataInputStream in = new DataInputStream(new GZIPInputStream(raw));
        OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve(name)))) {
      byte[] head = new byte[header];
      in.readFully(head);
      head[4] = (byte) (n >>> 24); // the count, big-endian, after the 4-byte magic
      head[5] = (byte) (n >>> 16);
      head[6] = (byte) (n >>> 8);
      head[7] = (byte) n;
      byte[] records = new byte[n * recordBytes];
      in.readFully(records);
      out.write(head);
      out.write(records);
    }
  }
}
