package dev.cmsf.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cmsf.data.FashionMnist;
import dev.cmsf.data.IdxDataset;
import dev.cmsf.data.Split;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The programs in {@code examples/} compile against this build and run as documented. */
@Tag("integration")
class ExamplesTest {
  @TempDir Path dir;

  @Test
  void examples_compile() throws Exception {
    compileExamples();
  }

  @Test
  void quickStart_trainsEmbedsAndFindsEachImageItsOwnNearestNeighbour() throws Exception {
    assumeTrue(FashionMnist.isAvailable(null), "Fashion-MNIST not installed");
    Path classes = compileExamples();
    Path images = writeImages(4);
    String[] args = {
      dir.resolve("run").toString(),
      images.toString(),
      "epochs=1",
      "limit=128",
      "width=0.125",
      "batch_size=64",
      "bank_size=128",
      "knn_train_limit=128",
      "knn_test_limit=64",
      "device=cpu"
    };

    String out = run(classes, "QuickStart", args);

    assertThat(out).contains("epoch 1: loss ", "kNN 1-NN ", "4 embeddings of dimension 64");
    assertThat(out).containsPattern("\\n  0\\.png  1\\.0000\\n");
  }

  private Path compileExamples() throws Exception {
    List<String> sources;
    try (Stream<Path> files = Files.list(Path.of("examples"))) {
      sources = files.filter(f -> f.toString().endsWith(".java")).map(Path::toString).toList();
    }
    assertThat(sources).isNotEmpty();
    Path classes = Files.createDirectories(dir.resolve("classes"));
    List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", classPath()));
    args.addAll(sources);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int code = javac.run(null, null, errors, args.toArray(String[]::new));
    assertThat(code).as(errors.toString(StandardCharsets.UTF_8)).isZero();
    return classes;
  }

  /** The test class path (surefire's, which the manifest-only booter jar would hide). */
  private static String classPath() {
    return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
  }

  private Path writeImages(int count) throws Exception {
    Path images = Files.createDirectories(dir.resolve("images"));
    IdxDataset test = FashionMnist.load(null, Split.TEST);
    float[] pixels = new float[test.pixelsPerImage()];
    for (int i = 0; i < count; i++) {
      test.readImage(i, pixels);
      BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
      for (int p = 0; p < pixels.length; p++) {
        image.getRaster().setSample(p % 28, p / 28, 0, Math.round(pixels[p] * 255));
      }
      ImageIO.write(image, "png", images.resolve(i + ".png").toFile());
    }
    return images;
  }

  private static String run(Path classes, String name, String[] args) throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (URLClassLoader loader =
        new URLClassLoader(
            new URL[] {classes.toUri().toURL()}, ExamplesTest.class.getClassLoader())) {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      Method main = loader.loadClass(name).getMethod("main", String[].class);
      main.invoke(null, (Object) args);
    } finally {
      System.setOut(original);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
