package dev.cmsf.spark;

import dev.cmsf.config.ConfigException;
import dev.cmsf.data.ImageList;
import dev.cmsf.model.EncoderDescription;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.util.SerializableConfiguration;

/**
 * Embeds image files with an encoder exported by {@code cmsf export} into a Parquet table of (path,
 * label, embedding): the same numbers as {@code cmsf embed} gives with the run (within float
 * rounding), partition by partition with one model per executor JVM ({@link PartitionEmbedder}).
 * Unreadable images are counted and left out; they never fail the job.
 */
public final class EmbedJob {
  /** The images to embed: (path, label, content). */
  static final StructType IMAGES =
      new StructType()
          .add("path", DataTypes.StringType, false)
          .add("label", DataTypes.StringType, true)
          .add("content", DataTypes.BinaryType, true);

  /** What the job writes: (path, label, embedding). */
  public static final StructType EMBEDDINGS =
      new StructType()
          .add("path", DataTypes.StringType, false)
          .add("label", DataTypes.StringType, true)
          .add("embedding", DataTypes.createArrayType(DataTypes.FloatType, false), false);

  private final SparkSession spark;
  private final LongAccumulator unreadable;

  /** A job on {@code spark}; its unreadable images are counted in a fresh accumulator. */
  public EmbedJob(SparkSession spark) {
    this.spark = spark;
    this.unreadable = spark.sparkContext().longAccumulator("cmsf unreadable images");
  }

  /**
   * What the job did.
   *
   * @param embedded rows written
   * @param unreadable images left out (exact unless a task was retried, which counts again)
   * @param dimension values per embedding
   * @param seconds wall time of the job, listing included
   */
  public record Summary(long embedded, long unreadable, int dimension, double seconds) {
    /** One line for the console. */
    public String line(String out) {
      return String.format(
          Locale.ROOT,
          "wrote %d embeddings of dimension %d to %s in %.1f s (%.1f images/s); %d unreadable"
              + " image(s) skipped",
          embedded,
          dimension,
          out,
          seconds,
          embedded / Math.max(seconds, 1e-9),
          unreadable);
    }
  }

  /**
   * The image files under {@code folders}, recursively, through Spark's binary-file source; the
   * label is the class folder ({@link FolderLabel}). Files whose extension is not an image's are
   * not read (Spark itself also leaves out names starting with {@code .} or {@code _}).
   */
  public Dataset<Row> folders(List<String> folders) {
    List<String> roots = new ArrayList<>();
    for (String folder : folders) {
      org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(folder);
      try {
        org.apache.hadoop.fs.FileSystem fs =
            root.getFileSystem(spark.sparkContext().hadoopConfiguration());
        if (!fs.getFileStatus(root).isDirectory()) {
          throw new ConfigException("--images " + folder + ": not a folder");
        }
        roots.add(fs.makeQualified(root).toString());
      } catch (IOException e) {
        throw new ConfigException("--images " + folder + ": " + e.getMessage());
      }
    }
    FolderLabel labels = new FolderLabel(roots);
    spark
        .udf()
        .register("cmsf_folder_label", (UDF1<String, String>) labels::of, DataTypes.StringType);
    return spark
        .read()
        .format("binaryFile")
        .option("recursiveFileLookup", "true")
        .option("pathGlobFilter", imageGlob())
        .load(roots.toArray(String[]::new))
        .selectExpr("path", "cmsf_folder_label(path) AS label", "content");
  }

  /**
   * The image files a table lists: a Parquet table (file or folder) with a string column {@code
   * path} and optionally {@code label}, or a text file ({@code .txt}) of one path per line. The
   * executors read the files (Hadoop file systems); one that cannot be read is unreadable.
   */
  public Dataset<Row> listed(String table) {
    Dataset<Row> list =
        table.endsWith(".txt")
            ? spark.read().text(table).withColumnRenamed("value", "path").filter("trim(path) != ''")
            : spark.read().parquet(table);
    List<String> columns = Arrays.asList(list.columns());
    if (!columns.contains("path")) {
      throw new ConfigException(
          "--paths " + table + ": no column 'path' (columns: " + String.join(", ", columns) + ")");
    }
    Dataset<Row> pathAndLabel =
        list.selectExpr(
            "CAST(path AS STRING) AS path",
            columns.contains("label")
                ? "CAST(label AS STRING) AS label"
                : "CAST(NULL AS STRING) AS label");
    Broadcast<SerializableConfiguration> hadoop =
        JavaSparkContext.fromSparkContext(spark.sparkContext())
            .broadcast(new SerializableConfiguration(spark.sparkContext().hadoopConfiguration()));
    return pathAndLabel.mapPartitions(new ListedFiles(hadoop, unreadable), Encoders.row(IMAGES));
  }

  /**
   * Embeds {@code images} ((path, label, content) rows) with the export in {@code encoder} and
   * writes them to the Parquet table {@code out}.
   *
   * @param batchSize images per forward pass
   * @param overwrite whether an existing {@code out} is replaced (else it is an error)
   */
  public Summary run(
      Dataset<Row> images, Path encoder, String out, int batchSize, boolean overwrite)
      throws IOException {
    long start = System.nanoTime();
    EncoderFiles files = encoderFiles(encoder);
    int dimension = EncoderDescription.read(encoder).outputSize();
    Broadcast<EncoderFiles> shared =
        JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(files);
    images
        .mapPartitions(
            new PartitionEmbedder(shared, unreadable, batchSize), Encoders.row(EMBEDDINGS))
        .write()
        .mode(overwrite ? SaveMode.Overwrite : SaveMode.ErrorIfExists)
        .parquet(out);
    long embedded = spark.read().parquet(out).count();
    return new Summary(embedded, unreadable.value(), dimension, (System.nanoTime() - start) / 1e9);
  }

  private static EncoderFiles encoderFiles(Path encoder) {
    try {
      return EncoderFiles.read(encoder);
    } catch (IOException e) {
      throw new ConfigException(
          "--encoder " + encoder + ": not a DJL export of cmsf export (" + e.getMessage() + ")");
    }
  }

  /**
   * A Hadoop glob of the image extensions of {@link ImageList#EXTENSIONS} in any letter case, e.g.
   * {@code *.{[pP][nN][gG],...}}, so that other files are never read.
   */
  static String imageGlob() {
    return new TreeSet<>(ImageList.EXTENSIONS)
        .stream()
            .map(
                ext ->
                    ext.chars()
                        .mapToObj(c -> "[" + (char) c + Character.toUpperCase((char) c) + "]")
                        .collect(Collectors.joining()))
            .collect(Collectors.joining(",", "*.{", "}"));
  }
}
