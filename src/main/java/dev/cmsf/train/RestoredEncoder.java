package dev.cmsf.train;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import dev.cmsf.augment.ViewSpec;
import dev.cmsf.augment.ViewTransform;
import dev.cmsf.augment.Views;
import dev.cmsf.config.ConfigException;
import dev.cmsf.config.ConfigLoader;
import dev.cmsf.config.TrainConfig;
import dev.cmsf.data.DataSplits;
import dev.cmsf.data.ImageDataset;
import dev.cmsf.data.LabelledSubset;
import dev.cmsf.data.SubsetDataset;
import dev.cmsf.eval.FeatureExtractor;
import dev.cmsf.model.EncoderOutput;
import dev.cmsf.model.MeanShiftNetworks;
import dev.cmsf.model.ParameterIo;
import dev.cmsf.model.ResNets;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The trained online encoder of a run directory, read-only: what embedding, export, search and
 * the evaluations need, restored from the newest readable checkpoint without the rest of the
 * run (no target network, memory bank, optimiser or method state is built or read).
 *
 * <p>Close it to free its native memory.
 */
public final class RestoredEncoder implements AutoCloseable {
  private final ResolvedConfig resolved;
  private final DataSplits data;
  private final ImageDataset trainSet;
  private final NDManager manager;
  private final MeanShiftNetworks networks; // the online encoder is what is restored
  private final ViewTransform evalView;
  private final RunDirectory directory;
  private Path checkpoint;
  private long globalStep;

  private RestoredEncoder(
      ResolvedConfig resolved, DataSplits data, RunDirectory directory, NDManager manager) {
    this.resolved = resolved;
    this.directory = directory;
    this.data = data;
    this.manager = manager;
    this.trainSet = SubsetDataset.limit(data.train(), resolved.config().limit());
    this.networks =
        MeanShiftNetworks.withoutTarget(
            manager,
            resolved.spec(),
            resolved.heads(),
            resolved.imageSize(),
            resolved.config().seed());
    if (resolved.bf16()) {
      networks.useBf16Convolutions();
    }
    this.evalView = RunAssembly.evalView(resolved, data);
  }

  /** The encoder of the run in {@code dir} at its newest readable checkpoint. */
  public static RestoredEncoder open(Path dir) throws IOException {
    return open(dir, List.of(), false);
  }

  /**
   * The encoder of the run in {@code dir}.
   *
   * @param overrides {@code key=value} changes to the saved configuration (such as {@code knn_k})
   * @param randomInit the run's seeded initial weights instead of a checkpoint
   * @throws ConfigException when {@code dir} is not a run directory or (unless {@code
   *     randomInit}) holds no readable checkpoint of this configuration's model
   */
  public static RestoredEncoder open(Path dir, List<String> overrides, boolean randomInit)
      throws IOException {
    RunDirectory directory = RunDirectory.open(dir);
    TrainConfig config = ConfigLoader.load(ConfigLoader.read(directory.config()), null, overrides);
    DataSplits[] data = new DataSplits[1];
    ai.djl.Device[] device = new ai.djl.Device[1];
    ResolvedConfig resolved =
        ResolvedConfig.resolve(
            config,
            () -> {
              device[0] = RunAssembly.device(config.device());
              data[0] = DataSplits.open(RunAssembly.dataSource(config));
              return ResolvedConfig.Facts.of(data[0], config, device[0]);
            });
    EngineThreads.apply(resolved.config().threads());
    RestoredEncoder encoder =
        new RestoredEncoder(resolved, data[0], directory, NDManager.newBaseManager(device[0]));
    try {
      if (!randomInit) {
        encoder.restoreNewest();
      }
      return encoder;
    } catch (IOException | RuntimeException e) {
      encoder.close();
      throw e;
    }
  }

  /**
   * Loads the online encoder of the run's newest readable checkpoint (after opening it at
   * random initialisation).
   *
   * @throws ConfigException when the run holds no readable checkpoint of this model
   */
  public void restoreNewest() throws IOException {
    checkpoint = NewestCheckpoint.load(directory, this::read).file();
  }

  /** Reads the online encoder at the start of a checkpoint's state. */
  private void read(Path file, Checkpoint.Header header) throws IOException {
    String model = TrainingRun.architecture(resolved) + " ";
    if (!header.fingerprint().startsWith(model)) {
      throw new ConfigException(
          file
              + ": checkpoint of another model ("
              + header.fingerprint()
              + "), this configuration builds "
              + model.trim());
    }
    Checkpoint.read(
        file,
        new Checkpoint.State() {
          @Override
          public void save(DataOutputStream out) {
            throw new UnsupportedOperationException("a restored encoder is read-only");
          }

          @Override
          public void load(DataInputStream in) throws IOException {
            globalStep = TrainingRun.skipCounters(in);
            networks.loadOnlineEncoder(in);
          }
        });
  }

  /** Training steps behind the restored weights: 0 at random initialisation. */
  public long globalStep() {
    return globalStep;
  }

  /** The checkpoint restored, or null at random initialisation. */
  public Path checkpoint() {
    return checkpoint;
  }

  /** The resolved configuration of the run. */
  public ResolvedConfig resolved() {
    return resolved;
  }

  /** The configuration as the run recorded it. */
  public TrainConfig config() {
    return resolved.config();
  }

  /** The run's data splits. */
  public DataSplits data() {
    return data;
  }

  /** The images the run trained on: the training split, cut to {@code limit}. */
  public ImageDataset train() {
    return trainSet;
  }

  /** Owner of the encoder's arrays. */
  public NDManager manager() {
    return manager;
  }

  /** The online networks; only the online encoder holds restored weights. */
  public MeanShiftNetworks networks() {
    return networks;
  }

  /** Values per embedding of {@code output}. */
  public int dimension(EncoderOutput output) {
    return output == EncoderOutput.BACKBONE
        ? ResNets.featureSize(resolved.spec())
        : resolved.heads().projection();
  }

  /** The deterministic evaluation view (resize, centre crop, normalise). */
  public ViewTransform evalView() {
    return evalView;
  }

  /** The linear probe's training view: the weak view (random resized crop and flip only). */
  public ViewTransform probeView() {
    return Views.weak(
        ViewSpec.defaults(resolved.imageSize(), data.stats().mean(), data.stats().std())
            .withoutPhotometric());
  }

  /** A feature extractor over the online backbone in inference mode. */
  public FeatureExtractor featureExtractor() {
    return featureExtractor(EncoderOutput.BACKBONE);
  }

  /** A feature extractor over the online encoder's {@code output} in inference mode. */
  public FeatureExtractor featureExtractor(EncoderOutput output) {
    return new FeatureExtractor(
        images -> networks.embed(images, output),
        evalView,
        resolved.config().evalBatchSize(),
        workers());
  }

  /**
   * A trainable copy of the online backbone in {@code scope}: the same architecture and weights
   * (BatchNorm statistics included) in parameters of its own.
   */
  public Block onlineBackboneCopy(NDManager scope) {
    Block copy = ResNets.backbone(resolved.spec());
    int size = resolved.imageSize();
    copy.initialize(
        scope, DataType.FLOAT32, new Shape(2, resolved.spec().inputChannels(), size, size));
    ParameterIo.copy(networks.onlineBackbone(), copy);
    return copy;
  }

  /**
   * The run's own labelled subset ({@code labelled}, drawn from its training images with its
   * seed), or null when its method trains without one.
   */
  public LabelledSubset labelled() {
    if (!resolved.plan().method().usesLabelledSubset()) {
      return null;
    }
    return LabelledSubset.parse(resolved.config().labelled(), trainSet, resolved.config().seed());
  }

  /** Decode-and-augment threads: as configured, else the cores the model leaves free. */
  public int workers() {
    return RunAssembly.workers(
        resolved.config(), manager.getDevice().isGpu(), Runtime.getRuntime().availableProcessors());
  }

  @Override
  public void close() {
    manager.close();
  }
}
