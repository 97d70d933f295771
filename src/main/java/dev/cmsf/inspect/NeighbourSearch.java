package dev.cmsf.inspect;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.cmsf.augment.ViewTransform;
import dev.cmsf.config.ConfigException;
import dev.cmsf.data.ImageDataset;
import dev.cmsf.memory.MemoryBank;
import dev.cmsf.method.Constraint;
import dev.cmsf.method.MeanShiftStep;
import dev.cmsf.method.NeighbourLoss;
import dev.cmsf.method.QueryBatch;
import dev.cmsf.train.TrainingRun;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Finds a training image's nearest memory bank rows the way a training step does (METHOD.md
 * section 1, steps 5 and 6), with the step's own routines: squared target distances {@code 2 -
 * 2 u M^T} ({@link NeighbourLoss#squaredDistance}), the k nearest rows, and the k nearest rows
 * inside the method's constraint, ordered by {@link NeighbourLoss#constrainedDistance}.
 *
 * <p>Unlike training, the query is the un-augmented evaluation view through the target encoder
 * in inference mode (running BatchNorm statistics), so the result depends on the image alone.
 * Bank rows that never received an image are skipped.
 */
public final class NeighbourSearch {

  private NeighbourSearch() {}

  /**
   * Searches the bank of a restored run.
   *
   * @param run a run, usually restored from a checkpoint
   * @param query index into the run's training images ({@link TrainingRun#train()})
   * @param k neighbours per list, between 1 and the number of filled bank rows
   * @throws ConfigException when {@code query} or {@code k} is out of range
   */
  public static QueryNeighbours find(TrainingRun run, int query, int k) {
    ImageDataset images = run.train();
    if (query < 0 || query >= images.size()) {
      throw new ConfigException(
          "--query " + query + ": expected a training image index in 0.." + (images.size() - 1));
    }
    if (!(run.step() instanceof MeanShiftStep step)) {
      throw new ConfigException(
          "method "
              + run.method().name()
              + " keeps no memory bank: its"
              + " images have no bank neighbours to show");
    }
    MemoryBank bank = step.bank();
    int[] filled = IntStream.range(0, bank.size()).filter(r -> bank.imageIndex(r) >= 0).toArray();
    if (filled.length == 0) {
      throw new ConfigException("the run's memory bank holds no image yet");
    }
    if (k < 1 || k > filled.length) {
      throw new ConfigException(
          "--k " + k + ": expected 1.." + filled.length + " (the filled memory bank rows)");
    }
    int truth = images.label(query);
    Constraint constraint = step.constraint(); // with its restored state (2Q pool, clusters)
    float[] distance;
    float[] penalised;
    boolean[] allowed;
    try (NDManager scratch = run.manager().newSubManager()) {
      NDArray target = target(run, query, scratch);
      NDArray bankT = bank.embeddings().transpose();
      bankT.attach(scratch); // a view the bank's manager would otherwise keep
      NDArray targetDistance = NeighbourLoss.squaredDistance(target, bankT); // (1, m)
      NDArray mask = allowed(run, bank, constraint, target, query, truth, scratch);
      distance = targetDistance.toFloatArray();
      penalised = NeighbourLoss.constrainedDistance(targetDistance, mask).toFloatArray();
      allowed = mask == null ? allTrue(bank.size()) : mask.toBooleanArray();
    }
    int[] byDistance = sorted(filled, r -> distance[r]);
    int[] rank = new int[bank.size()];
    for (int i = 0; i < byDistance.length; i++) {
      rank[byDistance[i]] = i + 1;
    }
    int[] byPenalised = sorted(filled, r -> penalised[r]);
    return new QueryNeighbours(
        run.method().name(),
        query,
        truth,
        neighbours(bank, byDistance, k, rank, distance, allowed),
        neighbours(bank, byPenalised, k, rank, distance, allowed),
        !constraint.isUnconstrained(),
        filled.length);
  }

  /** (1, P) the query's unit target embedding, of its un-augmented image. */
  private static NDArray target(TrainingRun run, int query, NDManager scratch) {
    ImageDataset images = run.train();
    ViewTransform view = run.evalView();
    int channels = images.channels();
    int side = view.outputSize();
    float[] pixels = new float[images.pixelsPerImage()];
    images.readImage(query, pixels);
    float[] normalised = new float[channels * side * side];
    // the evaluation view is deterministic: the generator is never used
    view.apply(
        pixels, channels, images.height(), images.width(), new SplittableRandom(0), normalised, 0);
    NDArray batch = scratch.create(normalised, new Shape(1, channels, side, side));
    return run.networks().targetInference(batch); // (1, P)
  }

  /**
   * Which rows the constraint allows the query, labelled as a training step would label it:
   * its training label (noisy for cmsf-sup, only a labelled image's for cmsf-semi), else the
   * constraint's own label of its target (cmsf-semi's confident pseudo-label).
   */
  private static NDArray allowed(
      TrainingRun run,
      MemoryBank bank,
      Constraint constraint,
      NDArray target,
      int query,
      int truth,
      NDManager scratch) {
    // cmsf-semi also caches a labelled query's embedding: harmless, an inspected run is not saved
    int label =
        constraint.label(
                target,
                new int[] {run.constraintLabel(query)},
                new int[] {query},
                new int[] {truth})
            .labels()[0];
    QueryBatch batch =
        new QueryBatch(
            new int[] {query},
            new int[] {label},
            new int[] {truth},
            new int[] {ownRow(bank, query)});
    return constraint.allowed(batch, bank, scratch);
  }

  private static boolean[] allTrue(int n) {
    boolean[] all = new boolean[n];
    Arrays.fill(all, true);
    return all;
  }

  /** The newest row holding the query image's own target, or -1 when it has been overwritten. */
  private static int ownRow(MemoryBank bank, int image) {
    for (int back = 1; back <= bank.size(); back++) {
      int row = Math.floorMod(bank.pointer() - back, bank.size());
      if (bank.imageIndex(row) == image) {
        return row;
      }
    }
    return -1;
  }

  /** Rows in ascending key order; ties keep the lower row first (deterministic). */
  private static int[] sorted(int[] rows, RowKey key) {
    return Arrays.stream(rows)
        .boxed()
        .sorted(Comparator.comparingDouble((Integer r) -> key.of(r)).thenComparingInt(r -> r))
        .mapToInt(Integer::intValue)
        .toArray();
  }

  private static List<BankNeighbour> neighbours(
      MemoryBank bank, int[] order, int k, int[] rank, float[] distance, boolean[] allowed) {
    List<BankNeighbour> list = new ArrayList<>(k);
    for (int row : Arrays.copyOf(order, k)) {
      list.add(
          new BankNeighbour(
              row, bank.imageIndex(row), bank.truth(row), rank[row], distance[row], allowed[row]));
    }
    return list;
  }

  /** Sort key of a bank row. */
  @FunctionalInterface
  private interface RowKey {
    float of(int row);
  }
}
