package dev.cmsf.embed;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.cmsf.augment.EvalView;
import dev.cmsf.augment.Normalize;
import dev.cmsf.data.ImageList;
import dev.cmsf.eval.FeatureExtractor;
import dev.cmsf.model.EncoderDescription;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * An encoder written by {@code cmsf export} (DJL format), loaded without its run: embeds images
 * exactly as {@code cmsf embed} does with the run (the same {@link ImageList} decoding to the
 * description's channels and resize length, {@link EvalView} crop and normalisation, {@link
 * FeatureExtractor} batches, the block in inference mode), so a program with only the export
 * directory, a Spark executor for one, gets the same embeddings (within float rounding).
 *
 * <p>Not thread-safe: one caller at a time (Spark's jobs lock it; PyTorch spreads one forward over
 * the cores anyway). Close it to free its native memory.
 */
public final class ExportedEncoder implements AutoCloseable {
  /** Images per forward pass: the default {@code eval_batch_size}. */
  private static final int BATCH = 256;

  private final Model model;
  private final EncoderDescription description;
  private final FeatureExtractor extractor;

  private ExportedEncoder(Model model, EncoderDescription description) {
    this.model = model;
    this.description = description;
    Block block = model.getBlock();
    ParameterStore store = new ParameterStore(model.getNDManager(), false);
    EvalView view =
        new EvalView(
            description.resize(),
            description.imageSize(),
            new Normalize(description.mean(), description.std()));
    // one loader thread: the caller already runs one of these per core (a Spark task each)
    this.extractor =
        new FeatureExtractor(
            images -> block.forward(store, new NDList(images), false).singletonOrThrow(),
            view,
            BATCH,
            1);
  }

  /**
   * Loads the export in {@code dir} ({@code encoder.json} and {@code encoder-0000.params}).
   *
   * @throws IOException when a file is missing, unreadable or of another architecture
   */
  public static ExportedEncoder load(Path dir) throws IOException {
    EncoderDescription description = EncoderDescription.read(dir);
    Model model = Model.newInstance(description.modelName(), Device.cpu());
    try {
      model.setBlock(description.block());
      model.load(dir, description.modelName());
      return new ExportedEncoder(model, description);
    } catch (MalformedModelException | IOException | RuntimeException e) {
      model.close();
      throw e instanceof IOException io ? io : new IOException(dir + ": " + e.getMessage(), e);
    }
  }

  /** The architecture and preprocessing of the export. */
  public EncoderDescription description() {
    return description;
  }

  /** Values per embedding. */
  public int dimension() {
    return description.outputSize();
  }

  /** The embeddings of decoded images, in order (unnormalised, as {@code cmsf embed}'s). */
  public float[][] embed(List<BufferedImage> images) {
    if (images.isEmpty()) {
      return new float[0][];
    }
    ImageList list = ImageList.of(images, description.channels(), description.resize());
    float[] rowMajor;
    try (NDArray features = extractor.extract(list, model.getNDManager(), n -> {})) {
      rowMajor = features.toFloatArray();
    }
    int dim = dimension();
    float[][] rows = new float[images.size()][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = Arrays.copyOfRange(rowMajor, i * dim, (i + 1) * dim);
    }
    return rows;
  }

  @Override
  public void close() {
    model.close();
  }
}
