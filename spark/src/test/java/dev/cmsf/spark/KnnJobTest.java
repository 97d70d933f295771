package dev.cmsf.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.cmsf.eval.KnnClassifier;
import dev.cmsf.eval.KnnResult;
import dev.cmsf.eval.KnnScore;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The kNN job against the core on the same images: the neighbours {@code cmsf search} lists, and
 * the accuracies {@code cmsf eval knn}'s classifier gives on {@code cmsf embed}'s rows.
 */
class KnnJobTest {
  private static SparkFixture f;
  private static String references;
  private static String queries;
  private final SparkSession spark = LocalSpark.get();

  @BeforeAll
  static void embedBothFolders() throws Exception {
    f = SparkFixture.get();
    references = f.dir.resolve("knn-references.parquet").toString();
    queries = f.dir.resolve("knn-queries.parquet").toString();
    for (String[] job :
        List.of(
            new String[] {f.references.toString(), references},
            new String[] {f.queries.toString(), queries})) {
      assertThat(
              SparkJobs.execute(
                  "embed", "--encoder", f.encoder.toString(), "--images", job[0], "--out", job[1]))
          .isZero();
    }
  }

  @Test
  void neighboursOfEveryReferenceRow_areThoseCmsfSearchLists() throws Exception {
    String out = f.dir.resolve("knn-self.parquet").toString();

    int code =
        SparkJobs.execute(
            "knn", "--reference", references, "--query", references, "-k", "5", "--out", out);

    assertThat(code).isZero();
    SparkFixture.Embedded expected = SparkFixture.read(f.referenceNpy);
    Map<String, Row> rows = EmbedJobTest.byRelativePath(spark.read().parquet(out), f.references);
    assertThat(rows).hasSize(300);
    for (int query : new int[] {0, 17, 123, 200, 299}) {
      List<String> search =
          SparkFixture.cli(
                  "search",
                  "--index",
                  f.referenceNpy.toString(),
                  "--query-index",
                  String.valueOf(query),
                  "-k",
                  "5")
              .lines()
              .filter(l -> l.matches("\\d+\t.*"))
              .toList();
      List<Row> spark = rows.get(expected.paths().get(query)).getList(2);
      assertThat(spark).hasSize(5);
      for (int i = 0; i < 5; i++) {
        String[] line = search.get(i).split("\t"); // rank, index, similarity, label, path
        assertThat(relative(spark.get(i).getString(0))).isEqualTo(line[4]);
        assertThat(spark.get(i).getFloat(2)).isCloseTo(Float.parseFloat(line[2]), within(1e-4f));
      }
    }
  }

  @Test
  void accuracyOfTheQueries_isTheCoresKnnOnCmsfEmbedsRows() throws Exception {
    KnnAccuracy accuracy =
        new KnnJob(spark)
            .search(spark.read().parquet(queries), spark.read().parquet(references), 20, true)
            .accuracy(1, 20);

    SparkFixture.Embedded ref = SparkFixture.read(f.referenceNpy);
    SparkFixture.Embedded query = SparkFixture.read(f.queryNpy);
    KnnResult core;
    try (NDManager manager = NDManager.newBaseManager(Device.cpu());
        NDArray refs = matrix(manager, ref);
        NDArray qs = matrix(manager, query);
        KnnClassifier knn = new KnnClassifier(refs, ref.labels(), 10)) {
      core = knn.evaluate(qs, query.labels(), 1, 20);
    }
    assertThat(accuracy.queries()).isEqualTo(100);
    for (int k : new int[] {1, 20}) {
      KnnScore expected = core.scores().stream().filter(s -> s.k() == k).findFirst().orElseThrow();
      assertThat(accuracy.score(k).majority())
          .as("k=%d majority", k)
          .isEqualTo(expected.majority());
      assertThat(accuracy.score(k).weighted())
          .as("k=%d weighted", k)
          .isEqualTo(expected.weighted());
    }
  }

  @Test
  void aMissingQueryTable_isAUserMistake() {
    int code =
        SparkJobs.execute("knn", "--reference", references, "--query", "/no/such/table.parquet");

    assertThat(code).isEqualTo(2);
  }

  private static String relative(String uri) {
    String prefix = f.references.toUri().toString().replaceFirst("^file:///", "file:/");
    return uri.substring(prefix.length());
  }

  private static NDArray matrix(NDManager manager, SparkFixture.Embedded e) {
    float[] data = new float[e.vectors().size() * e.vectors().dimension()];
    for (int i = 0; i < e.vectors().size(); i++) {
      System.arraycopy(
          e.vectors().row(i), 0, data, i * e.vectors().dimension(), e.vectors().dimension());
    }
    return manager.create(data, new Shape(e.vectors().size(), e.vectors().dimension()));
  }
}
