package dev.cmsf.spark;

import dev.cmsf.config.ConfigException;
import dev.cmsf.eval.KnnClassifier;
import dev.cmsf.eval.KnnScore;
import dev.cmsf.eval.Votes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Exact k nearest neighbours by cosine similarity of every row of a query table among the rows of a
 * reference table (both (path, label, embedding), as {@link EmbedJob} writes them), and the kNN
 * classification accuracy of METHOD.md section 4 from them.
 *
 * <p>Both tables are cut into blocks ({@link EmbeddingBlock}); every pair of a query block and a
 * reference block is one task, which scores the block with the core's exact search and keeps each
 * query's best k ({@link BlockNeighbours}); the partial lists of a query block are then merged
 * pairwise. No table is ever collected: the shuffle carries k neighbours per query and reference
 * block. The votes are the core's ({@link Votes}: majority, and {@code exp(sim / 0.07)}-weighted,
 * ties to the nearest class), so the accuracies are those of {@code cmsf eval knn} on the same
 * embeddings.
 */
public final class KnnJob {
  /** (path, label, neighbours: [(path, label, similarity)], most similar first). */
  public static final StructType NEIGHBOURS =
      new StructType()
          .add("path", DataTypes.StringType, false)
          .add("label", DataTypes.StringType, true)
          .add(
              "neighbours",
              DataTypes.createArrayType(
                  new StructType()
                      .add("path", DataTypes.StringType, false)
                      .add("label", DataTypes.StringType, true)
                      .add("similarity", DataTypes.FloatType, false),
                  false),
              false);

  /** Query rows per block: a block's neighbour lists travel whole through the merge. */
  static final int QUERY_BLOCK = 1024;

  /** Reference rows per block: 16,384 rows of 2,048 floats are 128 MiB. */
  static final int REFERENCE_BLOCK = 16_384;

  private final SparkSession spark;

  /** A job on {@code spark}. */
  public KnnJob(SparkSession spark) {
    this.spark = spark;
  }

  /**
   * The neighbours of a query table.
   *
   * @param k neighbours per query (fewer when the reference table has fewer rows)
   * @param excludeSamePath whether a reference row with the query's own path is left out (its own
   *     row when both tables are the same, as {@code cmsf search --query-index} leaves it out)
   */
  public Neighbours search(
      Dataset<Row> queries, Dataset<Row> references, int k, boolean excludeSamePath) {
    if (k < 1) {
      throw new ConfigException("--k " + k + ": expected at least 1");
    }
    checkDimensions(queries, references);
    // few, full blocks: every (query block, reference block) pair is a task whose k-lists go
    // through the shuffle, so many small partitions (one per file an embed task wrote) would
    // multiply that traffic; queries keep at least one partition per core
    int cores = spark.sparkContext().defaultParallelism();
    JavaRDD<EmbeddingBlock> queryBlocks =
        blocks(queries.coalesce(partitions(queries, QUERY_BLOCK, cores)), QUERY_BLOCK);
    JavaRDD<EmbeddingBlock> referenceBlocks =
        blocks(references.coalesce(partitions(references, REFERENCE_BLOCK, 1)), REFERENCE_BLOCK);
    JavaPairRDD<Long, BlockNeighbours> merged =
        queryBlocks
            .cartesian(referenceBlocks)
            .mapToPair(
                pair ->
                    new Tuple2<>(
                        pair._1().id(),
                        BlockNeighbours.score(pair._1(), pair._2(), k, excludeSamePath)))
            .reduceByKey(BlockNeighbours::merge, Math.max(1, queryBlocks.getNumPartitions()))
            .persist(StorageLevel.MEMORY_AND_DISK());
    return new Neighbours(merged.values(), references);
  }

  /** The neighbour lists of every query block, to write and to evaluate. */
  public final class Neighbours {
    private final JavaRDD<BlockNeighbours> blocks;
    private final Dataset<Row> references;

    private Neighbours(JavaRDD<BlockNeighbours> blocks, Dataset<Row> references) {
      this.blocks = blocks;
      this.references = references;
    }

    /** One row per query: {@link #NEIGHBOURS}. */
    public Dataset<Row> table() {
      return spark.createDataFrame(blocks.flatMap(b -> b.rows().iterator()), NEIGHBOURS);
    }

    /**
     * Top-1 accuracy of both vote rules for every {@code k} of {@code ks} (each at most the k
     * searched), over the queries that have a label. A query whose label no reference has counts as
     * wrong; references without a label vote for "no label", which is never right.
     */
    public KnnAccuracy accuracy(int... ks) {
      List<String> classes =
          references
              .select("label")
              .distinct()
              .filter("label IS NOT NULL")
              .sort("label")
              .collectAsList()
              .stream()
              .map(r -> r.getString(0))
              .toList();
      Map<String, Integer> ids = new HashMap<>();
      for (int i = 0; i < classes.size(); i++) {
        ids.put(classes.get(i), i);
      }
      Broadcast<Map<String, Integer>> shared =
          JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(ids);
      int[] chosen = ks.clone();
      int count = classes.size();
      long[] hits = blocks.map(b -> hits(b, shared.value(), count, chosen)).reduce(KnnJob::sum);
      long labelled = hits[hits.length - 1];
      List<KnnScore> scores = new ArrayList<>();
      for (int i = 0; i < chosen.length; i++) {
        scores.add(
            new KnnScore(
                chosen[i], fraction(hits[2 * i], labelled), fraction(hits[2 * i + 1], labelled)));
      }
      return new KnnAccuracy(labelled, KnnClassifier.DEFAULT_TEMPERATURE, scores);
    }
  }

  /**
   * Per k: majority hits, weighted hits; then the number of labelled queries.
   *
   * @param classes labels 0..classes-1 are the reference's classes, {@code classes} is "none"
   */
  private static long[] hits(
      BlockNeighbours block, Map<String, Integer> ids, int classes, int[] ks) {
    long[] hits = new long[2 * ks.length + 1];
    Votes votes = new Votes(classes + 1);
    for (int q = 0; q < block.size(); q++) {
      String truth = block.queryLabel(q);
      List<BlockNeighbours.Neighbour> list = block.neighbours(q);
      if (truth == null || list.isEmpty()) {
        continue;
      }
      int expected = ids.getOrDefault(truth, -1);
      int[] labels = new int[list.size()];
      float[] sims = new float[list.size()];
      for (int i = 0; i < labels.length; i++) {
        String label = list.get(i).label();
        labels[i] = label == null ? classes : ids.getOrDefault(label, classes);
        sims[i] = list.get(i).similarity();
      }
      for (int i = 0; i < ks.length; i++) {
        int k = Math.min(ks[i], labels.length); // a k above the references is cut, as eval knn
        hits[2 * i] += votes.majority(labels, 0, k) == expected ? 1 : 0;
        hits[2 * i + 1] +=
            votes.weighted(labels, sims, 0, k, KnnClassifier.DEFAULT_TEMPERATURE) == expected
                ? 1
                : 0;
      }
      hits[hits.length - 1]++;
    }
    return hits;
  }

  private static long[] sum(long[] a, long[] b) {
    long[] s = a.clone();
    for (int i = 0; i < s.length; i++) {
      s[i] += b[i];
    }
    return s;
  }

  private static double fraction(long hits, long of) {
    return of == 0 ? 0 : (double) hits / of;
  }

  /** Partitions of about {@code blockRows} rows, at least {@code atLeast} (if it has as many). */
  private static int partitions(Dataset<Row> table, int blockRows, int atLeast) {
    long rows = table.count();
    return (int) Math.max(1, Math.min(rows, Math.max(atLeast, (rows + blockRows - 1) / blockRows)));
  }

  private JavaRDD<EmbeddingBlock> blocks(Dataset<Row> table, int size) {
    return table
        .select("path", "label", "embedding")
        .javaRDD()
        .mapPartitionsWithIndex(
            (partition, rows) -> EmbeddingBlock.blocks(partition, rows, size), true)
        // cartesian reads each side once per block of the other: keep the blocks, spilling to disk
        .persist(StorageLevel.MEMORY_AND_DISK());
  }

  /** One-line errors, on the driver, for tables that are not embeddings of one encoder. */
  private static void checkDimensions(Dataset<Row> queries, Dataset<Row> references) {
    for (Dataset<Row> table : List.of(queries, references)) {
      List<String> columns = Arrays.asList(table.columns());
      if (!columns.containsAll(List.of("path", "label", "embedding"))) {
        throw new ConfigException(
            "a table of columns "
                + columns
                + ": expected path, label, embedding (as cmsf spark embed writes)");
      }
    }
    Integer q = firstSize(queries);
    Integer r = firstSize(references);
    if (q == null || r == null) {
      throw new ConfigException((q == null ? "the query" : "the reference") + " table is empty");
    }
    if (!q.equals(r)) {
      throw new ConfigException(
          "the query embeddings have "
              + q
              + " values, the references "
              + r
              + ": embed both with the same encoder");
    }
  }

  private static Integer firstSize(Dataset<Row> table) {
    List<Row> first = table.selectExpr("size(embedding)").limit(1).collectAsList();
    return first.isEmpty() ? null : first.get(0).getInt(0);
  }
}
