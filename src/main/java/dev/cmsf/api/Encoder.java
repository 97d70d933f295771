package dev.cmsf.api;

import ai.djl.ndarray.NDArray;
import dev.cmsf.augment.EvalView;
import dev.cmsf.data.ImageDataset;
import dev.cmsf.data.ImageList;
import dev.cmsf.eval.FeatureExtractor;
import dev.cmsf.model.EncoderOutput;
import dev.cmsf.train.RestoredEncoder;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * A trained encoder loaded from a run directory (the online encoder of its newest checkpoint,
 * nothing else of the run): embeds images as the evaluation sees them, through the online
 * network in inference mode after the run's evaluation view (resize of the shorter side, centre crop, the training split's normalisation).
 *
 * <p>Any image is accepted: it is converted to the run's channels (grayscale by {@code 0.299 r +
 * 0.587 g + 0.114 b}) and size. Loading needs the run's data set (for the normalisation
 * statistics); {@code cmsf export} makes an encoder that needs nothing but DJL. Not thread-safe;
 * close it to free its native memory.
 *
 * <pre>{@code
 * try (Encoder encoder = Encoder.load(Path.of("runs/msf"))) {
 *   float[] a = encoder.embed(ImageIO.read(new File("shirt.png")));
 *   float[][] many = encoder.embedFiles(List.of(Path.of("a.png"), Path.of("b.png")));
 * }
 * }</pre>
 */
public final class Encoder implements AutoCloseable {
  private final RestoredEncoder run;
  private final EncoderOutput output;
  private final FeatureExtractor extractor;

  private Encoder(RestoredEncoder run, EncoderOutput output) {
    this.run = run;
    this.output = output;
    this.extractor = run.featureExtractor(output);
  }

  /** The backbone features of the run in {@code runDir} (what kNN evaluates). */
  public static Encoder load(Path runDir) throws IOException {
    return load(runDir, EncoderOutput.BACKBONE);
  }

  /**
   * The encoder of the run in {@code runDir}, at its newest readable checkpoint.
   *
   * @param output backbone features (F values) or projection head outputs (P values)
   * @throws dev.cmsf.config.ConfigException when {@code runDir} is not a run directory or has no
   *     checkpoint
   */
  public static Encoder load(Path runDir, EncoderOutput output) throws IOException {
    return new Encoder(RestoredEncoder.open(runDir), output);
  }

  /** Values per embedding. */
  public int dimension() {
    return run.dimension(output);
  }

  /** Which output this encoder returns. */
  public EncoderOutput output() {
    return output;
  }

  /** The embedding of one image. */
  public float[] embed(BufferedImage image) {
    return embed(List.of(image))[0];
  }

  /**
   * The embedding of one image file (PNG, JPEG, BMP, GIF).
   *
   * @throws dev.cmsf.data.InvalidDataException when the file is missing or not an image
   */
  public float[] embed(Path imageFile) {
    return embedFiles(List.of(imageFile))[0];
  }

  /** The embeddings of a batch of images, in order. */
  public float[][] embed(List<BufferedImage> images) {
    if (images.isEmpty()) {
      return new float[0][];
    }
    return rows(embedAll(ImageList.of(images, channels(), decodeSide()), n -> {}));
  }

  /** The embeddings of image files, in order. */
  public float[][] embedFiles(List<Path> files) {
    if (files.isEmpty()) {
      return new float[0][];
    }
    return rows(embedAll(ImageList.ofFiles(files, channels(), decodeSide()), n -> {}));
  }

  /**
   * The embeddings of every image of {@code images} (a data set split or an {@link ImageList}),
   * row-major: image {@code i} at {@code [i * dimension(), (i + 1) * dimension())}.
   *
   * @param progress told the number of images done after each batch
   */
  public float[] embedAll(ImageDataset images, IntConsumer progress) {
    try (NDArray features = extractor.extract(images, run.manager(), progress)) {
      return features.toFloatArray();
    }
  }

  /** Input channels of the network (1 or 3). */
  public int channels() {
    return run.train().channels();
  }

  /** Side of the network's square input. */
  public int size() {
    return run.evalView().outputSize();
  }

  /**
   * The image files under {@code dir} as a data set for {@link #embedAll} (sub-folders as classes,
   * see {@link ImageList#folder}).
   *
   * @throws dev.cmsf.data.InvalidDataException when {@code dir} holds no image file
   */
  public ImageDataset folder(Path dir) {
    return ImageList.folder(dir, channels(), decodeSide());
  }

  /**
   * Side images are decoded to before the evaluation view: the view's resize length, so that its
   * centre crop then sees what torchvision's {@code Resize(resize)} and {@code CenterCrop(crop)}
   * give on the original image.
   */
  private int decodeSide() {
    return run.evalView() instanceof EvalView view ? view.resize() : size();
  }

  private float[][] rows(float[] rowMajor) {
    int dim = dimension();
    float[][] rows = new float[rowMajor.length / dim][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = java.util.Arrays.copyOfRange(rowMajor, i * dim, (i + 1) * dim);
    }
    return rows;
  }

  @Override
  public void close() {
    run.close();
  }
}
