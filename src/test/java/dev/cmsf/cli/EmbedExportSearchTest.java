package dev.cmsf.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.inference.Predictor;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import ai.djl.modality.cv.transform.ToTensor;
import ai.djl.modality.cv.translator.ImageFeatureExtractor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cmsf.api.Embeddings;
import dev.cmsf.api.Encoder;
import dev.cmsf.config.ConfigLoader;
import dev.cmsf.config.TrainConfig;
import dev.cmsf.data.FashionMnist;
import dev.cmsf.data.IdxDataset;
import dev.cmsf.data.Split;
import dev.cmsf.embed.TorchPython;
import dev.cmsf.model.EncoderDescription;
import dev.cmsf.report.Progress;
import dev.cmsf.train.RunTrainer;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cmsf embed}, {@code export} and {@code search} on one tiny trained run: a folder of PNGs
 * embeds to the same rows as the same images of the test split, the exported model loaded by plain
 * DJL {@code Criteria} reproduces them, and a search finds an image's own row.
 */
@Tag("integration")
class EmbedExportSearchTest {
  private static final int FILES = 12;

  @TempDir static Path dir;
  private static Path run;
  private static Path folder;
  private ConsoleCapture console;

  @BeforeAll
  static void trainTinyRunAndWriteImages() throws Exception {
    assumeTrue(FashionMnist.isAvailable(null), "Fashion-MNIST not installed");
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
    folder = dir.resolve("images");
    IdxDataset test = FashionMnist.load(null, Split.TEST);
    float[] pixels = new float[test.pixelsPerImage()];
    for (int i = 0; i < FILES; i++) {
      // two class folders; names sort in index order, so file i is test image i
      Path file = folder.resolve(i < FILES / 2 ? "a" : "b").resolve(String.format("%02d.png", i));
      Files.createDirectories(file.getParent());
      test.readImage(i, pixels);
      ImageIO.write(gray(pixels, test.width()), "png", file.toFile());
    }
  }

  private static BufferedImage gray(float[] pixels, int side) {
    BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_GRAY);
    for (int p = 0; p < pixels.length; p++) {
      image.getRaster().setSample(p % side, p / side, 0, Math.round(pixels[p] * 255));
    }
    return image;
  }

  @BeforeEach
  void capture() {
    console = new ConsoleCapture();
  }

  @AfterEach
  void restore() {
    console.close();
  }

  private Embeddings embed(String... extra) throws Exception {
    return Embeddings.read(embedFile(extra));
  }

  /** Runs {@code cmsf embed} of the tiny run with {@code extra} options; returns the file. */
  private Path embedFile(String... extra) throws Exception {
    Path out = dir.resolve("e" + System.nanoTime() + ".npy");
    String[] base = {"embed", "--run", run.toString(), "--out", out.toString(), "--quiet"};
    String[] args =
        java.util.stream.Stream.concat(List.of(base).stream(), List.of(extra).stream())
            .toArray(String[]::new);
    assertThat(Main.execute(args)).as(console.err()).isZero();
    return out;
  }

  @Test
  void embedFolder_matchesTheSameImagesOfTheTestSplit_withCsvOfPathsAndClassFolders()
      throws Exception {
    Path out = dir.resolve("folder.npy");
    int code =
        Main.execute(
            "embed",
            "--run",
            run.toString(),
            "--data",
            folder.toString(),
            "--out",
            out.toString(),
            "--quiet");

    assertThat(code).as(console.err()).isZero();
    Embeddings files = Embeddings.read(out);
    Embeddings split = embed("--split", "test", "--limit", String.valueOf(FILES));
    assertThat(files.size()).isEqualTo(FILES);
    assertThat(files.dimension()).isEqualTo(64); // width 0.125: F = 512 * 0.125
    assertThat(split.size()).isEqualTo(FILES);
    for (int i = 0; i < FILES; i++) {
      assertThat(files.row(i)).containsExactly(split.row(i), within(1e-5f));
    }
    List<String> csv = Files.readAllLines(dir.resolve("folder.csv"));
    assertThat(csv).hasSize(FILES + 1);
    assertThat(csv.get(0)).isEqualTo("index,path,label");
    assertThat(csv.get(1)).isEqualTo("0,a/00.png,0");
    assertThat(csv.get(FILES)).isEqualTo((FILES - 1) + ",b/" + (FILES - 1) + ".png,1");
  }

  @Test
  void embedJsonLines_holdsTheSameNumbersAsNpy_andProjectionHasDimensionP() throws Exception {
    Path out = dir.resolve("folder.jsonl");
    assertThat(
            Main.execute(
                "embed",
                "--run",
                run.toString(),
                "--data",
                folder.toString(),
                "--out",
                out.toString(),
                "--quiet"))
        .isZero();
    Embeddings npy = embed("--data", folder.toString());
    List<String> lines = Files.readAllLines(out);
    assertThat(lines).hasSize(FILES);
    JsonNode third = new ObjectMapper().readTree(lines.get(2));
    assertThat(third.get("index").asInt()).isEqualTo(2);
    assertThat(third.get("path").asText()).isEqualTo("a/02.png");
    for (int j = 0; j < npy.dimension(); j++) {
      assertThat(third.get("embedding").get(j).floatValue()).isEqualTo(npy.row(2)[j]);
    }
    assertThat(embed("--data", folder.toString(), "--output", "projection").dimension())
        .isEqualTo(16); // P = F / 4
  }

  @Test
  void export_loadsWithPlainDjlCriteria_andMatchesEmbed() throws Exception {
    Path exported = dir.resolve("export");
    assertThat(Main.execute("export", "--run", run.toString(), "--out", exported.toString()))
        .as(console.err())
        .isZero();
    Embeddings expected = embed("--data", folder.toString());

    // what a user's program does: only DJL and the architecture description
    EncoderDescription d = EncoderDescription.read(exported);
    assertThat(List.of(d.channels(), d.resize(), d.imageSize(), d.outputSize()))
        .containsExactly(1, 28, 28, 64);
    Criteria<Image, float[]> criteria =
        Criteria.builder()
            .setTypes(Image.class, float[].class)
            .optModelPath(exported)
            .optModelName(d.modelName())
            .optBlock(d.block())
            .optTranslator(
                ImageFeatureExtractor.builder()
                    .optFlag(d.channels() == 1 ? Image.Flag.GRAYSCALE : Image.Flag.COLOR)
                    .addTransform(new ToTensor())
                    .addTransform(a -> normalise(a, d.mean(), d.std()))
                    .build())
            .build();
    try (ZooModel<Image, float[]> model = criteria.loadModel();
        Predictor<Image, float[]> predictor = model.newPredictor()) {
      for (int i = 0; i < FILES; i++) {
        Path file = folder.resolve(i < FILES / 2 ? "a" : "b").resolve(String.format("%02d.png", i));
        float[] embedding = predictor.predict(ImageFactory.getInstance().fromFile(file));
        assertThat(embedding).containsExactly(expected.row(i), within(1e-4f));
      }
    }
  }

  @Test
  void exportSafetensors_loadsInPyTorchWithTheDocumentedLoader_andMatchesEmbed() throws Exception {
    TorchPython.assumeAvailable();
    for (String output : List.of("backbone", "projection")) {
      Path exported = dir.resolve("torch-" + output);
      assertThat(
              Main.execute(
                  "export",
                  "--run",
                  run.toString(),
                  "--out",
                  exported.toString(),
                  "--format",
                  "safetensors",
                  "--output",
                  output))
          .as(console.err())
          .isZero();
      assertThat(console.out()).contains(exported.resolve("encoder.safetensors").toString());
      Embeddings expected = embed("--data", folder.toString(), "--output", output);

      List<String> args = new java.util.ArrayList<>();
      args.add(exported.resolve("encoder.safetensors").toString());
      for (int i = 0; i < FILES; i++) {
        args.add(
            folder
                .resolve(i < FILES / 2 ? "a" : "b")
                .resolve(String.format("%02d.png", i))
                .toString());
      }
      List<String> lines = TorchPython.tool(args.toArray(String[]::new));

      assertThat(lines).hasSize(FILES);
      for (int i = 0; i < FILES; i++) {
        JsonNode embedding = new ObjectMapper().readTree(lines.get(i)).get("embedding");
        float[] torch = new float[embedding.size()];
        for (int j = 0; j < torch.length; j++) {
          torch[j] = embedding.get(j).floatValue();
        }
        assertThat(torch).containsExactly(expected.row(i), within(1e-4f));
      }
    }
  }

  @Test
  void exportWithAnUnknownFormat_isOneLineNamingTheOptionAndTheAcceptedValues() {
    int code =
        Main.execute(
            "export",
            "--run",
            run.toString(),
            "--out",
            dir.resolve("x").toString(),
            "--format",
            "onnx");

    assertThat(code).isEqualTo(2);
    assertThat(console.err().lines().findFirst().orElseThrow())
        .contains("--format")
        .contains("expected one of djl, safetensors, got 'onnx'");
    assertThat(Files.exists(dir.resolve("x"))).isFalse();
  }

  /**
   * Per-channel {@code (x - mean) / std} of a (C, H, W) array: DJL's {@code Normalize} transform
   * assumes three channels.
   */
  private static NDArray normalise(NDArray chw, float[] mean, float[] std) {
    Shape perChannel = new Shape(mean.length, 1, 1);
    NDManager manager = chw.getManager();
    return chw.sub(manager.create(mean, perChannel)).div(manager.create(std, perChannel));
  }

  /** Runs {@code cmsf search} of {@code index} for its nearest row to {@code image}. */
  private static int searchNearest(Path index, Path image) {
    return Main.execute(
        "search",
        "--index",
        index.toString(),
        "--run",
        run.toString(),
        "--query",
        image.toString(),
        "-k",
        "1");
  }

  @Test
  void search_byRowAndByImage_listsTheNearestWithPathsAndLabels() throws Exception {
    Path out = embedFile("--data", folder.toString());

    int byRow = Main.execute("search", "--index", out.toString(), "--query-index", "3", "-k", "4");
    assertThat(byRow).as(console.err()).isZero();
    List<String> lines = console.out().lines().filter(l -> l.matches("\\d+\t.*")).toList();
    assertThat(lines).hasSize(4).noneMatch(l -> l.split("\t")[1].equals("3"));
    assertThat(console.err()).contains("searched 12 embeddings of dimension 64");

    int byImage = searchNearest(out, folder.resolve("a").resolve("05.png"));
    assertThat(byImage).as(console.err()).isZero();
    assertThat(console.out()).containsPattern("1\t5\t1\\.0000\t0\ta/05.png");
  }

  @Test
  void searchByImage_inAProjectionIndex_embedsTheQueryWithTheProjection() throws Exception {
    Path out = embedFile("--data", folder.toString(), "--output", "projection");

    int code = searchNearest(out, folder.resolve("b").resolve("08.png"));

    assertThat(code).as(console.err()).isZero();
    assertThat(console.out()).containsPattern("1\t8\t1\\.0000\t1\tb/08.png");
    assertThat(console.err()).contains("embeddings of dimension 16");
  }

  @Test
  void encoderApi_embedsABufferedImageAsTheCliDoes() throws Exception {
    Embeddings cli = embed("--data", folder.toString());
    try (Encoder encoder = Encoder.load(run)) {
      BufferedImage image = ImageIO.read(folder.resolve("b").resolve("07.png").toFile());
      assertThat(encoder.embed(image)).containsExactly(cli.row(7), within(1e-5f));
      assertThat(Embeddings.of(encoder.embed(List.of(image, image))).nearestTo(0, 1))
          .singleElement()
          .satisfies(n -> assertThat(n.similarity()).isCloseTo(1f, within(1e-5f)));
    }
  }
}
