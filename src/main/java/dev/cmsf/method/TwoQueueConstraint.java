package dev.cmsf.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.cmsf.config.ConfigValidator;
import dev.cmsf.config.MethodKeys;
import dev.cmsf.config.TrainConfig;
import dev.cmsf.memory.MemoryBank;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * CMSF-2Q (METHOD.md section 2.1): a query may take its neighbours only among the {@code k'}
 * bank rows whose images' previous embeddings (another augmentation, an epoch earlier) are
 * nearest to the query image's previous embedding.
 *
 * <p>The pool of two embeddings per image lives in Java memory ({@code 2 N P} floats), never on
 * the accelerator. Images not yet seen twice have a seeded random previous embedding.
 */
public final class TwoQueueConstraint implements Constraint {

  /** CMSF-2Q: k' rows allowed by the previous embeddings, alpha 0.5. */
  public static final ConstraintMethod METHOD =
      ConstraintMethod.named("cmsf-2q")
          .summary(
              "CMSF-2Q: neighbours among the bank rows whose previous embeddings are nearest"
                  + " to the query image's previous embedding")
          .defaults(5, 0.5)
          .keys(new Keys(5))
          .constraint(TwoQueueConstraint::new)
          .check(TwoQueueConstraint::check)
          .build();

  /**
   * The keys of CMSF-2Q.
   *
   * @param kPrime {@code k_prime}: bank rows allowed per query (nearest by previous
   *     embeddings); at least k
   */
  public record Keys(int kPrime) implements MethodKeys.Section {
    @Override
    public void validate(TrainConfig config) {
      ConfigValidator.atLeast("k_prime", kPrime, 1);
    }
  }

  private final int dim;
  private final int kPrime;
  private final ImageRows[] pool; // [slot]: one row per image
  private final byte[] slot; // per image: the slot written next; the other holds the previous

  /** Creates the pool for a run. */
  public TwoQueueConstraint(ConstraintContext context) {
    this(
        context.trainImages(),
        context.dim(),
        context.config().keys(Keys.class).kPrime(),
        context.config().seed());
  }

  /**
   * Creates the pool.
   *
   * @param images data set size N
   * @param dim embedding width P
   * @param kPrime rows allowed per query
   * @param seed seed of the random initial embeddings
   */
  public TwoQueueConstraint(int images, int dim, int kPrime, long seed) {
    this.dim = dim;
    this.kPrime = kPrime;
    this.pool =
        new ImageRows[] {
          // differ from the bank's rows
          new ImageRows(MemoryBank.randomUnitRows(images, dim, seed + 1), dim),
          new ImageRows(MemoryBank.randomUnitRows(images, dim, seed + 2), dim)
        };
    this.slot = new byte[images];
  }

  /** The k neighbours are picked among the k' allowed rows, so k' must be at least k. */
  private static void check(TrainConfig config, int k) {
    int kPrime = config.keys(Keys.class).kPrime();
    if (kPrime < k) {
      ConstraintMethod.fail(
          "k_prime",
          kPrime,
          "at least k ("
              + k
              + "): cmsf-2q picks"
              + " its k neighbours among the k_prime allowed rows");
    }
  }

  /** The previous embedding of image {@code image} (a copy). */
  public float[] previous(int image) {
    return pool[slot[image]].row(image);
  }

  @Override
  public void observe(NDArray targets, QueryBatch query) {
    float[] rows = targets.toFloatArray();
    int[] images = query.imageIndices();
    for (int i = 0; i < images.length; i++) {
      int image = images[i];
      pool[slot[image]].set(image, rows, i);
      slot[image] ^= 1; // now points at the image's previous embedding
    }
  }

  @Override
  public NDArray allowed(QueryBatch query, MemoryBank bank, NDManager manager) {
    int b = query.size();
    int m = bank.size();
    float[] queries = new float[b * dim];
    for (int i = 0; i < b; i++) {
      int image = query.imageIndices()[i];
      pool[slot[image]].copy(image, queries, i);
    }
    float[] rows = new float[m * dim]; // rows of never-filled bank slots stay 0: never nearest
    for (int j = 0; j < m; j++) {
      int image = bank.imageIndex(j);
      if (image >= 0) {
        pool[slot[image]].copy(image, rows, j);
      }
    }
    NDArray previousQueries = manager.create(queries, new Shape(b, dim));
    NDArray previousRows = manager.create(rows, new Shape(m, dim));
    NDArray similarity = previousQueries.matMul(previousRows.transpose()); // (B, m)
    long[] nearest = similarity.topK(Math.min(kPrime, m), 1, true, false).get(1).toLongArray();
    boolean[] allowed = new boolean[b * m];
    int perQuery = nearest.length / b;
    for (int i = 0; i < b; i++) {
      for (int j = 0; j < perQuery; j++) {
        allowed[i * m + (int) nearest[i * perQuery + j]] = true;
      }
    }
    return manager.create(allowed, new Shape(b, m));
  }

  @Override
  public void save(DataOutputStream out) throws IOException {
    out.writeInt(slot.length);
    out.write(slot);
    for (ImageRows half : pool) {
      half.write(out);
    }
  }

  @Override
  public void load(DataInputStream in) throws IOException {
    int images = in.readInt();
    if (images != slot.length) {
      throw new IOException("2Q pool of " + images + " images, this run has " + slot.length);
    }
    in.readFully(slot);
    for (ImageRows half : pool) {
      half.read(in);
    }
  }
}
