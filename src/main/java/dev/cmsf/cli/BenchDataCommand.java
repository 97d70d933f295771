package dev.cmsf.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.cmsf.augment.ViewSpec;
import dev.cmsf.augment.ViewTransform;
import dev.cmsf.augment.Views;
import dev.cmsf.config.ConfigException;
import dev.cmsf.data.DataBenchmark;
import dev.cmsf.data.ImageDecoder;
import dev.cmsf.data.ImageFolder;
import dev.cmsf.data.ImageFolderScanner;
import dev.cmsf.data.SkippedImages;
import dev.cmsf.data.SyntheticPhotos;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cmsf bench data}: images per second of decode + strong + weak views. */
@Command(
    name = "data",
    mixinStandardHelpOptions = true,
    description =
        "Time the training input pipeline on an image folder: decode, strong and weak view of"
            + " every image. Prints one JSON line per worker count.")
final class BenchDataCommand implements Callable<Integer> {

  // ImageNet's statistics: normalisation costs the same whatever the constants.
  private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
  private static final float[] STD = {0.229f, 0.224f, 0.225f};

  @Option(
      names = "--data",
      paramLabel = "ROOT",
      description =
          "image folder (with --synthetic:"
              + " where to write it; default a temporary folder, deleted afterwards)")
  Path data;

  @Option(
      names = "--synthetic",
      paramLabel = "N",
      description = "first write N photo-like JPEGs of --synthetic-size (10 classes)")
  int synthetic;

  @Option(
      names = "--synthetic-size",
      paramLabel = "WxH",
      description = "size of the synthetic JPEGs (default 500x375)")
  String syntheticSize = "500x375";

  @Option(names = "--image-size", paramLabel = "PX", description = "view side (default 224)")
  int imageSize = 224;

  @Option(
      names = "--workers",
      paramLabel = "N,...",
      split = ",",
      description = "worker counts to time (default 1 and the number of cores)")
  List<Integer> workers;

  @Option(names = "--images", paramLabel = "N", description = "images per timed pass (default 512)")
  int images = 512;

  @Option(names = "--batch-size", paramLabel = "N", description = "images per batch (default 32)")
  int batchSize = 32;

  @Override
  public Integer call() throws IOException {
    check();
    Path root = data;
    boolean temporary = synthetic > 0 && data == null;
    if (temporary) {
      root = Files.createTempDirectory("cmsf-bench-data");
      Files.delete(root);
    }
    try {
      if (synthetic > 0) {
        String[] wh = syntheticSize.split("x");
        SyntheticPhotos.write(
            root, synthetic, 10, Integer.parseInt(wh[0]), Integer.parseInt(wh[1]), 0);
      }
      run(root);
    } finally {
      if (temporary) {
        deleteTree(root);
      }
    }
    return 0;
  }

  private void check() {
    if (data == null && synthetic == 0) {
      throw new ConfigException("bench data needs --data ROOT or --synthetic N");
    }
    if (synthetic < 0 || images < 1 || batchSize < 1 || imageSize < 1) {
      throw new ConfigException(
          "--synthetic must be at least 0, --images, --batch-size and"
              + " --image-size at least 1");
    }
    if (!syntheticSize.matches("[1-9][0-9]*x[1-9][0-9]*")) {
      throw new ConfigException(
          "--synthetic-size " + syntheticSize + ": expected WxH, e.g." + " 500x375");
    }
    if (workers != null && workers.stream().anyMatch(w -> w < 1)) {
      throw new ConfigException("--workers " + workers + ": expected counts of at least 1");
    }
  }

  private void run(Path root) throws IOException {
    SkippedImages skipped = SkippedImages.toStandardError();
    ImageFolderScanner.Listing listing = ImageFolderScanner.trainImages(root);
    ImageDecoder decoder = new ImageDecoder(3);
    ImageFolder folder =
        new ImageFolder(
            root,
            listing.files(),
            listing.labels(),
            listing.classNames(),
            decoder,
            imageSize,
            false,
            skipped);
    ViewSpec spec = ViewSpec.defaults(imageSize, MEAN, STD);
    List<ViewTransform> views = List.of(Views.strong(spec), Views.weak(spec));
    int cores = Runtime.getRuntime().availableProcessors();
    List<Integer> counts = workers != null ? workers : cores > 1 ? List.of(1, cores) : List.of(1);
    ObjectMapper json =
        new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    for (int count : counts) {
      DataBenchmark.Result result =
          DataBenchmark.run(
              folder, views, count, images, batchSize, skipped, decoder.jpegDecoder());
      System.out.println(json.writeValueAsString(result));
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted((a, b) -> b.compareTo(a)).toList()) {
        Files.delete(p);
      }
    }
  }
}
