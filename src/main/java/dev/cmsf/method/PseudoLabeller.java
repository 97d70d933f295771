package dev.cmsf.method;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.cmsf.data.EpochOrder;
import dev.cmsf.model.Mlp;
import dev.cmsf.model.ParameterIo;
import dev.cmsf.optim.CrossEntropy;
import dev.cmsf.optim.Sgd;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * CMSF-semi's pseudo-labeller (METHOD.md section 2.3): the MLP {@code Linear(P, 2P) -> BN ->
 * ReLU -> Linear(2P, classes)} on unit target embeddings, trained by cross-entropy on the
 * cached embeddings of labelled images, one round at a time.
 *
 * <p>Each round is {@code epochs} passes over the cache in seeded orders (more while fewer than
 * {@code minSteps} steps were taken), with a fresh SGD
 * optimiser; the weights carry over from round to round. Predictions use inference mode
 * (BatchNorm running statistics), as the reference puts its head in eval mode during
 * training, so an image's pseudo-label does not depend on the rest of its batch.
 */
public final class PseudoLabeller {
  private final Block mlp;
  private final ParameterStore store;
  private final List<Parameter> trainable;
  private final NDManager manager;
  private final int dim;
  private final int classes;
  private final Settings settings;

  /**
   * The optimisation of one round.
   *
   * @param epochs passes over the cache per round
   * @param minSteps SGD steps per round at least: more passes are made while fewer were taken
   *     (0 = exactly {@code epochs} passes)
   * @param lr SGD learning rate (constant within a round)
   * @param momentum SGD momentum
   * @param weightDecay SGD weight decay
   * @param batchSize embeddings per step
   */
  public record Settings(
      int epochs, int minSteps, double lr, double momentum, double weightDecay, int batchSize) {

    /**
     * METHOD.md 2.3: 10 epochs, SGD lr 0.01, momentum 0.9, wd 1e-4, batch 256, and at least
     * {@code minSteps} steps.
     */
    public static Settings defaults(int minSteps) {
      return new Settings(10, minSteps, 0.01, 0.9, 1e-4, 256);
    }
  }

  /** A prediction per row: the arg-max class and its softmax probability. */
  public record Prediction(int[] classes, float[] confidence) {}

  /**
   * Creates an untrained pseudo-labeller.
   *
   * @param manager owner of its parameters (decides the device)
   * @param dim embedding width P
   * @param classes number of classes
   * @param settings optimisation of each round
   * @param seed seed of the initial weights
   */
  public PseudoLabeller(NDManager manager, int dim, int classes, Settings settings, long seed) {
    this.manager = manager;
    this.dim = dim;
    this.classes = classes;
    this.settings = settings;
    this.mlp = Mlp.of(dim, 2 * dim, classes);
    // DJL's initialisers draw from the engine's generator: seed it for reproducible weights
    Engine.getInstance().setRandomSeed((int) seed);
    mlp.initialize(manager, DataType.FLOAT32, new Shape(2, dim));
    this.store = new ParameterStore(manager, false);
    this.trainable =
        mlp.getParameters().values().stream().filter(Parameter::requiresGradient).toList();
  }

  /** Width P of the embeddings it labels. */
  public int dim() {
    return dim;
  }

  /** Number of classes it predicts. */
  public int classes() {
    return classes;
  }

  /** The arg-max class and its probability for each of the (B, P) {@code embeddings}. */
  public Prediction predict(NDArray embeddings) {
    try (NDManager scope = embeddings.getManager().newSubManager()) {
      NDArray input = embeddings.duplicate();
      input.attach(scope);
      NDArray probabilities = forward(input, false).softmax(1);
      probabilities.attach(scope);
      float[] p = probabilities.toFloatArray();
      int rows = p.length / classes;
      int[] best = new int[rows];
      float[] confidence = new float[rows];
      for (int r = 0; r < rows; r++) {
        for (int c = 1; c < classes; c++) {
          if (p[r * classes + c] > p[r * classes + best[r]]) {
            best[r] = c;
          }
        }
        confidence[r] = p[r * classes + best[r]];
      }
      return new Prediction(best, confidence);
    }
  }

  /**
   * One round of training.
   *
   * @param embeddings the first {@code n} rows of (n, P) unit embeddings, row-major
   * @param labels their classes, in {@code [0, classes)}
   * @param n number of rows, at least 2 (BatchNorm needs two rows per step)
   * @param seed seed of the round's orders
   * @return the mean loss of the round's last epoch
   */
  public double train(float[] embeddings, int[] labels, int n, long seed) {
    if (n < 2) {
      throw new IllegalArgumentException("a round needs at least 2 embeddings, got " + n);
    }
    try (NDManager round = manager.newSubManager();
        Sgd sgd = new Sgd(trainable, settings.momentum(), settings.weightDecay())) {
      NDArray all = round.create(Arrays.copyOf(embeddings, n * dim), new Shape(n, dim));
      double loss = 0;
      int passes = passes(settings, n);
      int batches = batchesPerPass(settings.batchSize(), n);
      for (int epoch = 1; epoch <= passes; epoch++) {
        int[] order = EpochOrder.permutation(n, seed, epoch);
        loss = 0;
        for (int b = 0; b < batches; b++) {
          int from = b * settings.batchSize();
          int to = Math.min(n, from + settings.batchSize());
          loss += step(all, order, from, to, labels, sgd, round);
        }
        loss /= batches;
      }
      return loss;
    }
  }

  /**
   * Passes over a cache of {@code n} rows in one round: {@code epochs}, or more where that
   * would be fewer than {@code minSteps} steps. Ten passes over 500 labelled images are 20
   * steps, far from the reference's rounds (500 steps on 1% of ImageNet), and too few for a
   * pseudo-label ever to reach {@code conf_th}: small caches get more passes, not fewer steps.
   */
  static int passes(Settings settings, int n) {
    int batches = batchesPerPass(settings.batchSize(), n);
    int needed = (settings.minSteps() + batches - 1) / batches;
    return Math.max(settings.epochs(), needed);
  }

  /**
   * Steps of one pass over {@code n} rows: a last batch of one row is left out, because
   * BatchNorm cannot normalise a single row. The training loop and {@link #passes} both count
   * with it.
   */
  static int batchesPerPass(int batchSize, int n) {
    int full = n / batchSize;
    return n % batchSize >= 2 ? full + 1 : full;
  }

  private float step(
      NDArray all, int[] order, int from, int to, int[] labels, Sgd sgd, NDManager parent) {
    try (NDManager step = parent.newSubManager()) {
      long[] rows = new long[to - from];
      long[] truth = new long[to - from];
      for (int i = 0; i < rows.length; i++) {
        rows[i] = order[from + i];
        truth[i] = labels[order[from + i]];
      }
      NDArray x = all.get(step, new NDIndex("{}", step.create(rows)));
      NDArray y = step.create(truth);
      float loss;
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray logits = forward(x, true);
        NDArray negative = CrossEntropy.mean(logits, y);
        collector.backward(negative);
        loss = negative.getFloat();
      }
      sgd.step(settings.lr());
      return loss;
    }
  }

  private NDArray forward(NDArray input, boolean training) {
    return mlp.forward(store, new NDList(input), training).singletonOrThrow();
  }

  /** Writes the weights and BatchNorm statistics. */
  public void save(DataOutputStream out) throws IOException {
    ParameterIo.save(mlp, out);
  }

  /** Restores what {@link #save} wrote. */
  public void load(DataInputStream in) throws IOException {
    ParameterIo.load(mlp, in);
  }
}
