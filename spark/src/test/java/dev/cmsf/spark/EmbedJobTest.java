package dev.cmsf.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The embedding job on real image files in the shared local session: the same rows as {@code cmsf
 * embed}, labels from the class folders, unreadable files counted and skipped, and a table of paths
 * as input.
 */
class EmbedJobTest {
  private final SparkSession spark = LocalSpark.get();

  @Test
  void folderOfImages_givesCmsfEmbedsRows_withFolderLabels() throws Exception {
    SparkFixture f = SparkFixture.get();
    String out = f.dir.resolve("embed-references.parquet").toString();

    int code =
        SparkJobs.execute(
            "embed",
            "--encoder",
            f.encoder.toString(),
            "--images",
            f.references.toString(),
            "--out",
            out,
            "--batch-size",
            "50");

    assertThat(code).isZero();
    SparkFixture.Embedded expected = SparkFixture.read(f.referenceNpy);
    Map<String, Row> rows = byRelativePath(spark.read().parquet(out), f.references);
    assertThat(rows).hasSize(expected.paths().size()).hasSize(300);
    for (int i = 0; i < expected.paths().size(); i++) {
      Row row = rows.get(expected.paths().get(i));
      assertThat(row.getString(1)).isEqualTo("c" + expected.labels()[i]); // classes c0..c9 in order
      assertThat(floats(row)).containsExactly(expected.vectors().row(i), within(1e-4f));
    }
  }

  @Test
  void unreadableImages_areCountedAndSkipped_neverFailingTheJob() throws Exception {
    SparkFixture f = SparkFixture.get();
    Path folder = f.dir.resolve("broken");
    Files.createDirectories(folder.resolve("c1"));
    List<Path> good = new ArrayList<>();
    try (var files = Files.list(f.queries.resolve("c1"))) {
      files.sorted().limit(3).forEach(p -> good.add(p));
    }
    for (Path p : good) {
      Files.copy(p, folder.resolve("c1").resolve(p.getFileName()));
    }
    byte[] png =
        Files.readAllBytes(
            good.stream().filter(p -> p.toString().endsWith(".png")).findFirst().orElseThrow());
    Files.write(folder.resolve("c1").resolve("truncated.png"), java.util.Arrays.copyOf(png, 40));
    Files.writeString(folder.resolve("c1").resolve("not-an-image.jpg"), "hello");
    Files.writeString(folder.resolve("c1").resolve("notes.txt"), "not read: not an image name");

    EmbedJob job = new EmbedJob(spark);
    EmbedJob.Summary summary =
        job.run(
            job.folders(List.of(folder.toString())),
            f.encoder,
            f.dir.resolve("embed-broken.parquet").toString(),
            64,
            false);

    assertThat(summary.embedded()).isEqualTo(3);
    assertThat(summary.unreadable()).isEqualTo(2);
  }

  @Test
  void tableOfPaths_withLabels_givesTheSameRows_andAMissingFileIsUnreadable() throws Exception {
    SparkFixture f = SparkFixture.get();
    SparkFixture.Embedded expected = SparkFixture.read(f.queryNpy);
    List<Row> listed = new ArrayList<>();
    for (String relative : expected.paths()) {
      listed.add(RowFactory.create(f.queries.resolve(relative).toString(), "listed"));
    }
    listed.add(RowFactory.create(f.dir.resolve("no-such-file.png").toString(), "listed"));
    StructType schema =
        new StructType().add("path", DataTypes.StringType).add("label", DataTypes.StringType);
    String table = f.dir.resolve("paths.parquet").toString();
    spark.createDataFrame(listed, schema).repartition(3).write().parquet(table);

    EmbedJob job = new EmbedJob(spark);
    EmbedJob.Summary summary =
        job.run(
            job.listed(table),
            f.encoder,
            f.dir.resolve("embed-listed.parquet").toString(),
            64,
            false);

    assertThat(summary.unreadable()).isEqualTo(1);
    assertThat(summary.embedded()).isEqualTo(expected.paths().size());
    Map<String, Row> rows = new HashMap<>();
    spark
        .read()
        .parquet(f.dir.resolve("embed-listed.parquet").toString())
        .collectAsList()
        .forEach(r -> rows.put(r.getString(0), r));
    for (int i = 0; i < expected.paths().size(); i++) {
      Row row = rows.get(f.queries.resolve(expected.paths().get(i)).toString());
      assertThat(row.getString(1)).isEqualTo("listed");
      assertThat(floats(row)).containsExactly(expected.vectors().row(i), within(1e-4f));
    }
  }

  @Test
  void aMissingEncoder_isOneLineNamingTheOption() {
    int code =
        SparkJobs.execute(
            "embed",
            "--encoder",
            "/no/such/export",
            "--images",
            "/tmp",
            "--out",
            "/tmp/never-written.parquet",
            "--master",
            "local[1]");

    assertThat(code).isEqualTo(2);
  }

  @Test
  void imageGlob_matchesTheCoresExtensionsInAnyCase() {
    assertThat(EmbedJob.imageGlob())
        .isEqualTo("*.{[bB][mM][pP],[gG][iI][fF],[jJ][pP][eE][gG],[jJ][pP][gG],[pP][nN][gG]}");
  }

  /** Rows keyed by their path relative to {@code folder} (Spark writes file: URIs). */
  static Map<String, Row> byRelativePath(Dataset<Row> table, Path folder) {
    String prefix = folder.toUri().toString().replaceFirst("^file:///", "file:/");
    Map<String, Row> rows = new HashMap<>();
    for (Row row : table.collectAsList()) {
      assertThat(row.getString(0)).startsWith(prefix);
      rows.put(row.getString(0).substring(prefix.length()), row);
    }
    return rows;
  }

  static float[] floats(Row row) {
    List<Float> values = row.getList(2);
    float[] floats = new float[values.size()];
    for (int i = 0; i < floats.length; i++) {
      floats[i] = values.get(i);
    }
    return floats;
  }
}
