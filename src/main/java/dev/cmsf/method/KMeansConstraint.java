package dev.cmsf.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.cmsf.config.ConfigValidator;
import dev.cmsf.config.MethodKeys;
import dev.cmsf.config.TrainConfig;
import dev.cmsf.memory.MemoryBank;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * CMSF-KM (METHOD.md section 2.2): a query may take its neighbours only among bank rows whose
 * images fell in the same cluster as the query image when the previous epoch's target
 * embeddings were clustered. Before the first clustering every row is allowed (plain MSF).
 */
public final class KMeansConstraint implements Constraint {

  /** CMSF-KM: the previous epoch's clusters constrain; plain MSF in epoch 1. */
  public static final ConstraintMethod METHOD =
      ConstraintMethod.named("cmsf-km")
          .summary(
              "CMSF-KM: neighbours among the bank rows in the query image's k-means cluster"
                  + " of the previous epoch")
          .defaults(5, 0.0)
          .keys(new Keys(100, 20, 3))
          .constraint(KMeansConstraint::new)
          .build();

  /**
   * The keys of CMSF-KM.
   *
   * @param kmClusters {@code km_clusters}: clusters of each epoch's target embeddings
   * @param kmIterations {@code km_iterations}: k-means rounds per restart
   * @param kmRestarts {@code km_restarts}: seeded k-means restarts (the best is kept)
   */
  public record Keys(int kmClusters, int kmIterations, int kmRestarts)
      implements MethodKeys.Section {
    @Override
    public void validate(TrainConfig config) {
      ConfigValidator.atLeast("km_clusters", kmClusters, 1);
      ConfigValidator.atLeast("km_iterations", kmIterations, 1);
      ConfigValidator.atLeast("km_restarts", kmRestarts, 1);
    }
  }

  private final int dim;
  private final SphericalKMeans kMeans;
  private final ImageRows embeddings; // the latest target embedding of each image this epoch
  private final boolean[] seen;
  private final int[] cluster; // per image, from the previous epoch; -1 = none

  /** Creates the constraint for a run. */
  public KMeansConstraint(ConstraintContext context) {
    this(context.trainImages(), context.dim(), kMeans(context.config()));
  }

  /**
   * Creates the constraint.
   *
   * @param images data set size N
   * @param dim embedding width P
   * @param kMeans the clusterer run at each epoch end
   */
  public KMeansConstraint(int images, int dim, SphericalKMeans kMeans) {
    this.dim = dim;
    this.kMeans = kMeans;
    this.embeddings = new ImageRows(images, dim);
    this.seen = new boolean[images];
    this.cluster = new int[images];
    Arrays.fill(cluster, MemoryBank.UNKNOWN);
  }

  private static SphericalKMeans kMeans(TrainConfig c) {
    Keys keys = c.keys(Keys.class);
    return new SphericalKMeans(keys.kmClusters(), keys.kmIterations(), keys.kmRestarts(), c.seed());
  }

  /** The cluster of image {@code image} from the last clustering, or -1. */
  public int clusterOf(int image) {
    return cluster[image];
  }

  @Override
  public void observe(NDArray targets, QueryBatch query) {
    float[] rows = targets.toFloatArray();
    int[] images = query.imageIndices();
    for (int i = 0; i < images.length; i++) {
      embeddings.set(images[i], rows, i);
      seen[images[i]] = true;
    }
  }

  @Override
  public NDArray allowed(QueryBatch query, MemoryBank bank, NDManager manager) {
    int[] queryClusters = new int[query.size()];
    boolean any = false;
    for (int i = 0; i < queryClusters.length; i++) {
      queryClusters[i] = cluster[query.imageIndices()[i]];
      any |= queryClusters[i] >= 0;
    }
    if (!any) {
      return null; // no clustering yet: plain MSF
    }
    int[] rowClusters = new int[bank.size()];
    for (int j = 0; j < rowClusters.length; j++) {
      int image = bank.imageIndex(j);
      rowClusters[j] = image < 0 ? MemoryBank.UNKNOWN : cluster[image];
    }
    return SameLabelConstraint.sameLabel(queryClusters, rowClusters, manager);
  }

  @Override
  public void onEpochEnd(int epoch, NDManager manager) {
    int[] images = new int[seen.length];
    int n = 0;
    for (int i = 0; i < seen.length; i++) {
      if (seen[i]) {
        images[n++] = i;
      }
    }
    if (n == 0) {
      return;
    }
    float[] points = new float[n * dim];
    for (int p = 0; p < n; p++) {
      embeddings.copy(images[p], points, p);
    }
    int[] assignment = kMeans.cluster(points, n, dim, manager);
    Arrays.fill(cluster, MemoryBank.UNKNOWN);
    for (int p = 0; p < n; p++) {
      cluster[images[p]] = assignment[p];
    }
    Arrays.fill(seen, false);
  }

  @Override
  public void save(DataOutputStream out) throws IOException {
    out.writeInt(cluster.length);
    for (int i = 0; i < cluster.length; i++) {
      out.writeInt(cluster[i]);
      out.writeBoolean(seen[i]);
    }
    embeddings.write(out);
  }

  @Override
  public void load(DataInputStream in) throws IOException {
    int images = in.readInt();
    if (images != cluster.length) {
      throw new IOException(
          "k-means state of " + images + " images, this run has " + cluster.length);
    }
    for (int i = 0; i < images; i++) {
      cluster[i] = in.readInt();
      seen[i] = in.readBoolean();
    }
    embeddings.read(in);
  }
}
