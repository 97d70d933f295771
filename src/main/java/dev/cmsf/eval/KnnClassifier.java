package dev.cmsf.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Exact k-nearest-neighbour classifier on cosine similarity of frozen features.
 *
 * <p>Reference and query features are L2-normalised internally (rows of zero norm stay zero and
 * so have similarity 0 to everything). Search is exhaustive: queries are processed in chunks of
 * {@link #chunkSize()} rows, each giving one chunk-by-reference similarity matrix, so memory
 * stays bounded by {@code chunkSize * referenceSize} floats.
 *
 * <p>Two vote rules are offered: the unweighted majority of the reference protocol and the
 * widespread vote weighted by {@code exp(similarity / T)}. In both, ties go to the class whose
 * best-ranked neighbour is nearest, so 1-NN is plain nearest-neighbour classification.
 *
 * <p>The classifier owns a normalised copy of the reference set in a sub-manager of the
 * features' manager; {@link #close()} releases it. Not safe for concurrent use.
 */
public final class KnnClassifier implements AutoCloseable {

  /** Temperature of the weighted vote used by the widespread kNN protocol. */
  public static final double DEFAULT_TEMPERATURE = 0.07;

  /** Queries per similarity matrix; 512 x 60,000 floats is about 123 MB. */
  public static final int DEFAULT_CHUNK_SIZE = 512;

  private static final double NORM_EPS = 1e-12;

  private final NDManager manager;
  private final NDArray referenceT;
  private final int[] labels;
  private final int numClasses;
  private final long dims;
  private final double temperature;
  private final int chunkSize;

  /**
   * Creates a classifier with temperature {@value #DEFAULT_TEMPERATURE} and chunks of
   * {@value #DEFAULT_CHUNK_SIZE} queries.
   *
   * @see #KnnClassifier(NDArray, int[], int, double, int)
   */
  public KnnClassifier(NDArray referenceFeatures, int[] labels, int numClasses) {
    this(referenceFeatures, labels, numClasses, DEFAULT_TEMPERATURE, DEFAULT_CHUNK_SIZE);
  }

  /**
   * Creates a classifier over a reference set; the caller keeps ownership of its array.
   *
   * @param referenceFeatures (N, F) features of the reference (train) split, any float type
   * @param labels N class labels in {@code [0, numClasses)}
   * @param numClasses number of classes
   * @param temperature T > 0 of the {@code exp(similarity / T)} vote weights
   * @param chunkSize queries per similarity matrix, >= 1
   */
  public KnnClassifier(
      NDArray referenceFeatures, int[] labels, int numClasses, double temperature, int chunkSize) {
    Shape shape = referenceFeatures.getShape();
    if (shape.dimension() != 2 || shape.get(0) < 1 || shape.get(1) < 1) {
      throw new IllegalArgumentException(
          "reference features must be (N, F) with N, F >= 1, got " + shape);
    }
    validateLabels(labels, shape.get(0), numClasses);
    if (!(temperature > 0) || chunkSize < 1) {
      throw new IllegalArgumentException(
          "need temperature > 0 and chunkSize >= 1, got " + temperature + " and " + chunkSize);
    }
    this.labels = labels.clone();
    this.numClasses = numClasses;
    this.dims = shape.get(1);
    this.temperature = temperature;
    this.chunkSize = chunkSize;
    this.manager = referenceFeatures.getManager().newSubManager(referenceFeatures.getDevice());
    this.referenceT = normalise(referenceFeatures, manager).transpose();
  }

  /** Number of reference features. */
  public int referenceSize() {
    return labels.length;
  }

  /** Number of classes. */
  public int numClasses() {
    return numClasses;
  }

  /** Temperature T of the weighted vote. */
  public double temperature() {
    return temperature;
  }

  /** Queries per similarity matrix. */
  public int chunkSize() {
    return chunkSize;
  }

  /**
   * Top-1 accuracies of both vote rules for each neighbourhood size; the neighbours are searched
   * once, for the largest k.
   *
   * @param queries (M, F) query features, M >= 1
   * @param queryLabels M true labels in {@code [0, numClasses)}
   * @param ks distinct neighbourhood sizes in {@code [1, referenceSize()]}
   */
  public KnnResult evaluate(NDArray queries, int[] queryLabels, int... ks) {
    int rows = validateQueries(queries);
    if (rows < 1) {
      throw new IllegalArgumentException("no queries to evaluate");
    }
    validateLabels(queryLabels, rows, numClasses);
    int kMax = validateKs(ks);
    long[] majorityHits = new long[ks.length];
    long[] weightedHits = new long[ks.length];
    Votes votes = new Votes(numClasses);
    search(
        queries,
        kMax,
        block -> {
          for (int q = 0; q < block.rows(); q++) {
            int truth = queryLabels[block.offset() + q];
            for (int i = 0; i < ks.length; i++) {
              majorityHits[i] += block.majority(votes, q, ks[i]) == truth ? 1 : 0;
              weightedHits[i] += block.weighted(votes, q, ks[i], temperature) == truth ? 1 : 0;
            }
          }
        });
    List<KnnScore> scores = new ArrayList<>(ks.length);
    for (int i = 0; i < ks.length; i++) {
      scores.add(
          new KnnScore(ks[i], (double) majorityHits[i] / rows, (double) weightedHits[i] / rows));
    }
    return new KnnResult(rows, temperature, scores);
  }

  /** Majority-vote predictions of the {@code k} nearest references for each query row. */
  public int[] predictMajority(NDArray queries, int k) {
    return predict(queries, k, false);
  }

  /** {@code exp(similarity / T)}-weighted predictions of the {@code k} nearest references. */
  public int[] predictWeighted(NDArray queries, int k) {
    return predict(queries, k, true);
  }

  /** Releases the normalised reference set. */
  @Override
  public void close() {
    manager.close();
  }

  private int[] predict(NDArray queries, int k, boolean weighted) {
    int[] predictions = new int[validateQueries(queries)];
    validateK(k);
    Votes votes = new Votes(numClasses);
    search(
        queries,
        k,
        block -> {
          for (int q = 0; q < block.rows(); q++) {
            predictions[block.offset() + q] =
                weighted ? block.weighted(votes, q, k, temperature) : block.majority(votes, q, k);
          }
        });
    return predictions;
  }

  /** Feeds the {@code k} nearest neighbours of each chunk of queries to {@code sink}. */
  private void search(NDArray queries, int k, Consumer<Neighbours> sink) {
    long rows = queries.getShape().get(0);
    for (long start = 0; start < rows; start += chunkSize) {
      int count = (int) Math.min(chunkSize, rows - start);
      sink.accept(nearest(queries, start, count, k));
    }
  }

  private Neighbours nearest(NDArray queries, long start, int count, int k) {
    // Every temporary of the chunk lives in this sub-manager; only Java arrays leave it.
    try (NDManager sub = manager.newSubManager()) {
      NDArray chunk = queries.get(sub, new NDIndex("{}:{}", start, start + count));
      NDArray unit = normalise(chunk.toDevice(referenceT.getDevice(), false), sub);
      NDList top = unit.matMul(referenceT).topK(k, 1, true, true);
      top.attach(sub);
      long[] indices = top.get(1).toLongArray();
      int[] neighbourLabels = new int[indices.length];
      for (int i = 0; i < indices.length; i++) {
        neighbourLabels[i] = labels[(int) indices[i]];
      }
      return new Neighbours((int) start, count, k, neighbourLabels, top.get(0).toFloatArray());
    }
  }

  /** Float32 copy with unit rows, owned by {@code owner}; zero rows stay zero. */
  private static NDArray normalise(NDArray features, NDManager owner) {
    try (NDManager scratch = owner.newSubManager()) {
      NDArray typed = features.toType(DataType.FLOAT32, false);
      if (typed != features) {
        typed.attach(scratch);
      }
      NDArray unit = typed.normalize(2, 1, NORM_EPS);
      unit.attach(owner);
      return unit;
    }
  }

  private int validateQueries(NDArray queries) {
    Shape shape = queries.getShape();
    if (shape.dimension() != 2 || shape.get(1) != dims) {
      throw new IllegalArgumentException("queries must be (M, " + dims + "), got " + shape);
    }
    return Math.toIntExact(shape.get(0));
  }

  private void validateK(int k) {
    if (k < 1 || k > labels.length) {
      throw new IllegalArgumentException(
          "k = "
              + k
              + " must be in [1, "
              + labels.length
              + "]: the reference set has only "
              + labels.length
              + " features");
    }
  }

  /** Returns the largest k. */
  private int validateKs(int[] ks) {
    if (ks.length == 0) {
      throw new IllegalArgumentException("no k to evaluate");
    }
    for (int k : ks) {
      validateK(k);
    }
    if (Arrays.stream(ks).distinct().count() != ks.length) {
      throw new IllegalArgumentException("ks must be distinct, got " + Arrays.toString(ks));
    }
    return Arrays.stream(ks).max().getAsInt();
  }

  private static void validateLabels(int[] labels, long rows, int numClasses) {
    if (numClasses < 1) {
      throw new IllegalArgumentException("numClasses must be >= 1, got " + numClasses);
    }
    if (labels.length != rows) {
      throw new IllegalArgumentException(labels.length + " labels for " + rows + " features");
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= numClasses) {
        throw new IllegalArgumentException(
            "label " + labels[i] + " at index " + i + " is outside [0, " + numClasses + ")");
      }
    }
  }

  /** Rank-ordered neighbour labels and similarities of {@code rows} consecutive queries. */
  private record Neighbours(int offset, int rows, int k, int[] labels, float[] sims) {

    int majority(Votes votes, int query, int kUsed) {
      return votes.majority(labels, query * k, kUsed);
    }

    int weighted(Votes votes, int query, int kUsed, double temperature) {
      return votes.weighted(labels, sims, query * k, kUsed, temperature);
    }
  }
}
