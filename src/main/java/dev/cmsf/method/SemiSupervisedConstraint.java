package dev.cmsf.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.cmsf.config.ConfigValidator;
import dev.cmsf.config.MethodKeys;
import dev.cmsf.config.TrainConfig;
import dev.cmsf.data.BatchLoader;
import dev.cmsf.data.ImageDataset;
import dev.cmsf.data.LabelledSubset;
import dev.cmsf.data.MixedBatchOrder;
import dev.cmsf.data.Seeds;
import dev.cmsf.memory.MemoryBank;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * CMSF-semi (METHOD.md section 2.3): a query may take its neighbours only among bank rows with
 * its own label, where a labelled image's label is its ground truth and an unlabelled image's
 * is the pseudo-labeller's arg-max when its softmax probability reaches {@code conf_th}.
 *
 * <p>A row without a confident label never matches, and a query without one is not
 * constrained (plain MSF). A row keeps the label it was given at enqueue time, as in the
 * reference: rows are not relabelled when the pseudo-labeller changes. Before the first
 * training round there is no pseudo-labeller, so only labelled images carry labels.
 *
 * <p>The pseudo-labeller trains on a cache holding the latest target embedding of every
 * labelled image seen so far (the "second bank"), at mid-epoch and at the end of each epoch.
 */
public final class SemiSupervisedConstraint implements Constraint {

  /**
   * Semi-supervised CMSF: labelled images carry their ground truth, the others a confident
   * pseudo-label; every batch mixes both ({@link #data}).
   */
  public static final ConstraintMethod METHOD =
      ConstraintMethod.named("cmsf-semi")
          .summary(
              "Semi-supervised CMSF: neighbours restricted to rows of the same label, given"
                  + " for labelled images, a confident pseudo-label for the others")
          .defaults(10, 0.0)
          .constraint(SemiSupervisedConstraint::new)
          .keys(new Keys(0.85, 0, 500))
          .labels(ConstraintMethod.Labels.LABELLED_SUBSET)
          .data(SemiSupervisedConstraint::data)
          .build();

  /**
   * The keys of CMSF-semi (its labelled images are the key {@code labelled}, shared with the
   * evaluations).
   *
   * @param confTh {@code conf_th}: softmax probability a pseudo-label needs to constrain, in (0,
   *     1]
   * @param labelledPerBatch {@code labelled_per_batch}: labelled images in every batch, the rest
   *     unlabelled (both drawn from seeded per-epoch permutations, labelled ones repeating as
   *     needed); 0 = proportional to the labelled share, at least 1
   * @param pseudoLabelSteps {@code pseudo_label_steps}: SGD steps of each pseudo-labeller round
   *     at least (a round is 10 passes over the labelled cache, more while fewer steps were
   *     taken); 500 = the reference's round on 1% of ImageNet (12,811 images, batch 256, 10
   *     epochs); 0 = exactly 10 passes
   */
  public record Keys(double confTh, int labelledPerBatch, int pseudoLabelSteps)
      implements MethodKeys.Section {
    @Override
    public void validate(TrainConfig config) {
      if (!(confTh > 0 && confTh <= 1)) {
        ConfigValidator.fail("conf_th", confTh, "in (0, 1]");
      }
      if (labelledPerBatch < 0 || labelledPerBatch >= config.batchSize()) {
        ConfigValidator.fail(
            "labelled_per_batch",
            labelledPerBatch,
            "in [0, batch_size) (0 = proportional to the labelled share)");
      }
      ConfigValidator.atLeast("pseudo_label_steps", pseudoLabelSteps, 0);
    }
  }

  // Keeps the rounds' streams apart from the other streams derived from the same seed.
  private static final long ROUND_STREAM = 0x70736575646fL;
  private static final long INIT_STREAM = 0x6d6c70L;

  private final PseudoLabeller labeller;
  private final double threshold;
  private final long seed;
  private final int[] slotOfImage; // per training image: its cache slot, or -1
  private int[] cachedImage = new int[0];
  private int[] cachedLabel = new int[0];
  private final ImageRows cachedEmbedding; // one row per cache slot
  private int cached;
  private int rounds; // training rounds done; 0 = no pseudo-labeller yet

  /** Creates the constraint for a run, with a pseudo-labeller on the run's device. */
  public SemiSupervisedConstraint(ConstraintContext context) {
    this(
        new PseudoLabeller(
            context.manager(),
            context.dim(),
            context.classes(),
            PseudoLabeller.Settings.defaults(context.config().keys(Keys.class).pseudoLabelSteps()),
            Seeds.mix(INIT_STREAM, context.config().seed())),
        context.config().keys(Keys.class).confTh(),
        context.trainImages(),
        context.config().seed());
  }

  /**
   * Creates the constraint.
   *
   * @param labeller the pseudo-labeller, untrained
   * @param threshold softmax probability a pseudo-label needs, in (0, 1]
   * @param images training images N (data set indices are below this)
   * @param seed seed of the rounds' orders
   */
  public SemiSupervisedConstraint(
      PseudoLabeller labeller, double threshold, int images, long seed) {
    this.labeller = labeller;
    this.threshold = threshold;
    this.seed = seed;
    this.slotOfImage = new int[images];
    Arrays.fill(slotOfImage, -1);
    this.cachedEmbedding = new ImageRows(0, labeller.dim());
  }

  /**
   * The labelled subset ({@code labelled}, drawn with the run's seed), whose images carry their
   * ground truth, and batches of {@code labelled_per_batch} labelled images followed by
   * unlabelled ones ({@link MixedBatchOrder}; 0 = the labelled share of the batch, at least 1).
   */
  static TrainingData data(ImageDataset train, TrainConfig config) {
    LabelledSubset labelled = LabelledSubset.parse(config.labelled(), train, config.seed());
    int configured = config.keys(Keys.class).labelledPerBatch();
    int perBatch =
        configured > 0 ? configured : MixedBatchOrder.proportional(labelled, config.batchSize());
    int steps = BatchLoader.batchCount(train.size(), config.batchSize(), true);
    return new TrainingData(
        labelled.reveal(TrainingData.trueLabels(train)),
        labelled,
        epoch ->
            MixedBatchOrder.order(
                labelled, config.batchSize(), perBatch, steps, config.seed(), epoch));
  }

  /** Pseudo-labeller training rounds done so far. */
  public int rounds() {
    return rounds;
  }

  /** Labelled images whose embedding is cached. */
  public int cached() {
    return cached;
  }

  @Override
  public Labelling label(NDArray targets, int[] given, int[] images, int[] truth) {
    cacheLabelled(targets, given, images);
    int[] labels = given.clone();
    long unlabelled = Arrays.stream(given).filter(l -> l < 0).count();
    if (unlabelled == 0 || rounds == 0) {
      return new Labelling(labels, new PseudoLabelCounts(unlabelled, 0, 0, 0, 0, 0));
    }
    PseudoLabeller.Prediction prediction = labeller.predict(targets);
    long confident = 0;
    long judged = 0;
    long correct = 0;
    long judgedConfident = 0;
    long correctConfident = 0;
    for (int i = 0; i < given.length; i++) {
      if (given[i] >= 0) {
        continue;
      }
      int predicted = prediction.classes()[i];
      boolean isConfident = prediction.confidence()[i] >= threshold;
      boolean known = truth[i] >= 0;
      boolean right = predicted == truth[i];
      if (isConfident) {
        labels[i] = predicted;
        confident++;
      }
      judged += known ? 1 : 0;
      correct += known && right ? 1 : 0;
      judgedConfident += known && isConfident ? 1 : 0;
      correctConfident += known && isConfident && right ? 1 : 0;
    }
    return new Labelling(
        labels,
        new PseudoLabelCounts(
            unlabelled, confident, judged, correct, judgedConfident, correctConfident));
  }

  /** Writes the target embedding of each labelled image of the batch into its cache slot. */
  private void cacheLabelled(NDArray targets, int[] given, int[] images) {
    float[] rows = null;
    for (int i = 0; i < given.length; i++) {
      if (given[i] < 0) {
        continue;
      }
      if (rows == null) {
        rows = targets.toFloatArray(); // (B * P), only for batches with labelled images
      }
      int slot = slotOfImage[images[i]];
      if (slot < 0) {
        slot = newSlot(images[i]);
      }
      cachedLabel[slot] = given[i];
      cachedEmbedding.set(slot, rows, i);
    }
  }

  private int newSlot(int image) {
    if (cached == cachedImage.length) {
      int capacity = Math.max(16, 2 * cached);
      cachedImage = Arrays.copyOf(cachedImage, capacity);
      cachedLabel = Arrays.copyOf(cachedLabel, capacity);
      cachedEmbedding.resize(capacity);
    }
    cachedImage[cached] = image;
    slotOfImage[image] = cached;
    return cached++;
  }

  @Override
  public NDArray allowed(QueryBatch query, MemoryBank bank, NDManager manager) {
    if (Arrays.stream(query.labels()).allMatch(l -> l < 0)) {
      return null; // no query has a label: plain MSF for the whole batch
    }
    return SameLabelConstraint.sameLabel(query.labels(), bank.labels(), manager);
  }

  @Override
  public void onMidEpoch(NDManager manager) {
    trainRound();
  }

  @Override
  public void onEpochEnd(int epoch, NDManager manager) {
    trainRound();
  }

  /** One round of the pseudo-labeller on the cache; skipped while fewer than 2 are cached. */
  void trainRound() {
    if (cached < 2) {
      return;
    }
    labeller.train(
        cachedEmbedding.values(), cachedLabel, cached, Seeds.mix(ROUND_STREAM, seed, rounds));
    rounds++;
  }

  @Override
  public void save(DataOutputStream out) throws IOException {
    out.writeInt(slotOfImage.length);
    out.writeInt(rounds);
    labeller.save(out);
    out.writeInt(cached);
    for (int s = 0; s < cached; s++) {
      out.writeInt(cachedImage[s]);
      out.writeInt(cachedLabel[s]);
      cachedEmbedding.write(out, s, s + 1);
    }
  }

  @Override
  public void load(DataInputStream in) throws IOException {
    int images = in.readInt();
    if (images != slotOfImage.length) {
      throw new IOException(
          "semi-supervised state of " + images + " images, this run has " + slotOfImage.length);
    }
    rounds = in.readInt();
    labeller.load(in);
    int count = in.readInt();
    Arrays.fill(slotOfImage, -1);
    cached = 0;
    for (int s = 0; s < count; s++) {
      int slot = newSlot(in.readInt());
      cachedLabel[slot] = in.readInt();
      cachedEmbedding.read(in, slot, slot + 1);
    }
  }
}
