package dev.cmsf.data;

import dev.cmsf.augment.ViewTransform;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Times the input pipeline of training: decode plus the online and target views of every image,
 * through the {@link BatchLoader} the trainer uses, and, on one thread, decode and views apart.
 */
public final class DataBenchmark {

  private static final int PROFILE_IMAGES = 64;

  private DataBenchmark() {}

  /**
   * One measurement.
   *
   * @param workers loader threads
   * @param images images decoded and augmented in the timed pass
   * @param seconds wall time of the timed pass
   * @param imagesPerSecond images (each with all its views) per second
   * @param imagesPerSecondPerCore the same per busy core: divided by min(workers, cores)
   * @param decodeMs one thread: milliseconds to read and decode an image
   * @param viewsMs one thread: milliseconds to compute all views of a decoded image
   * @param skipped unreadable images met
   * @param jpegDecoder the decoder that read the JPEGs: "turbojpeg" or "imageio"
   */
  public record Result(
      int workers,
      int images,
      double seconds,
      double imagesPerSecond,
      double imagesPerSecondPerCore,
      double decodeMs,
      double viewsMs,
      int skipped,
      String jpegDecoder) {}

  /**
   * Runs a warm-up pass then the timed pass over {@code images} images of a seeded order.
   *
   * @param views the views of each image, e.g. [strong, weak]
   * @param jpegDecoder the decoder that reads the JPEGs, reported with the result
   */
  public static Result run(
      ImageDataset ds,
      List<? extends ViewTransform> views,
      int workers,
      int images,
      int batchSize,
      SkippedImages skipped,
      String jpegDecoder) {
    int[] order = order(ds.size(), images);
    drain(ds, views, workers, batchSize, order); // warm-up: JIT, readers, file cache
    long start = System.nanoTime();
    drain(ds, views, workers, batchSize, order);
    double seconds = (System.nanoTime() - start) / 1e9;
    double rate = images / seconds;
    int busy = Math.min(workers, Runtime.getRuntime().availableProcessors());
    double[] profile = profile(ds, views, order);
    return new Result(
        workers,
        images,
        seconds,
        rate,
        rate / busy,
        profile[0],
        profile[1],
        skipped.count(),
        jpegDecoder);
  }

  /** {@code count} indices of a seeded permutation, repeated when the set is smaller. */
  private static int[] order(int size, int count) {
    int[] permutation = EpochOrder.permutation(size, 0, 0);
    int[] order = new int[count];
    for (int i = 0; i < count; i++) {
      order[i] = permutation[i % size];
    }
    return order;
  }

  private static void drain(
      ImageDataset ds,
      List<? extends ViewTransform> views,
      int workers,
      int batchSize,
      int[] order) {
    try (BatchLoader loader =
        BatchLoader.builder(ds, views, batchSize).order(order).workers(workers).build()) {
      for (Batch batch : loader) {
        if (batch.size() == 0) {
          throw new IllegalStateException("empty batch");
        }
      }
    }
  }

  /** Milliseconds per image on this thread: {decode, all views}. */
  private static double[] profile(
      ImageDataset ds, List<? extends ViewTransform> views, int[] order) {
    int n = Math.min(PROFILE_IMAGES, order.length);
    Pixels pixels = new Pixels();
    long decode = 0;
    long augment = 0;
    SplittableRandom rng = new SplittableRandom(1);
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      ds.read(order[i], pixels);
      long t1 = System.nanoTime();
      for (ViewTransform view : views) {
        int size = view.outputSize();
        float[] out = new float[ds.channels() * size * size];
        view.apply(pixels.data(), ds.channels(), pixels.height(), pixels.width(), rng, out, 0);
      }
      decode += t1 - t0;
      augment += System.nanoTime() - t1;
    }
    return new double[] {decode / 1e6 / n, augment / 1e6 / n};
  }
}
