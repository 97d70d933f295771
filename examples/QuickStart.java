import dev.cmsf.api.Embeddings;
import dev.cmsf.api.Encoder;
import dev.cmsf.api.Neighbour;
import dev.cmsf.api.ProgressListener;
import dev.cmsf.api.Training;
import dev.cmsf.report.EpochRecord;
import dev.cmsf.report.RunReport;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * The cmsf Java API end to end: train a run from a preset with a progress listener, load its
 * encoder, embed a folder of images, and list each image's nearest neighbours.
 *
 * <pre>
 * ./cmsf --version                                  # builds target/cmsf.jar
 * javac -cp "target/cmsf.jar:target/lib/*" -d target/examples examples/QuickStart.java
 * java -cp "target/cmsf.jar:target/lib/*:target/examples" QuickStart runs/quick my-images/ epochs=1
 * </pre>
 *
 * Arguments: the run directory to create, a folder of images, then any configuration changes as
 * {@code key=value} (the test suite runs it with a tiny network).
 */
public final class QuickStart {
  public static void main(String[] args) throws Exception {
    Path run = Path.of(args[0]);
    Path images = Path.of(args[1]);

    // 1. Train: a preset, changed like --set, with a listener told of every epoch.
    Training training = Training.fromPreset("msf-fashion-mnist");
    for (String change : List.of(args).subList(2, args.length)) {
      String[] keyValue = change.split("=", 2);
      training.set(keyValue[0], keyValue[1]);
    }
    RunReport report =
        training
            .listener(
                new ProgressListener() {
                  @Override
                  public void onEpoch(EpochRecord epoch) {
                    System.out.printf("epoch %d: loss %.4f%n", epoch.epoch(), epoch.loss());
                  }
                })
            .run(run);
    System.out.printf(
        "kNN 1-NN %.2f%% (random init %.2f%%)%n", 100 * report.knn1(), 100 * report.knn1Random());

    // 2. Embed: one image, then a whole folder as a batch.
    List<Path> files;
    try (Stream<Path> list = Files.list(images)) {
      files = list.filter(f -> f.toString().endsWith(".png")).sorted().toList();
    }
    try (Encoder encoder = Encoder.load(run)) {
      BufferedImage first = ImageIO.read(files.get(0).toFile());
      float[] query = encoder.embed(first);
      Embeddings gallery = Embeddings.of(encoder.embedFiles(files));
      System.out.printf("%d embeddings of dimension %d%n", gallery.size(), gallery.dimension());

      // 3. Search: exact nearest neighbours by cosine similarity.
      for (Neighbour n : gallery.nearest(query, 3)) {
        System.out.printf("  %s  %.4f%n", files.get(n.index()).getFileName(), n.similarity());
      }
    }
  }
}
