package dev.cmsf.spark;

import dev.cmsf.config.ConfigException;
import dev.cmsf.data.InvalidDataException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cmsf spark embed | knn}: the Spark jobs as a command line, for {@code ./cmsf spark ...}
 * (local, Spark on the class path) and for {@code spark-submit --class dev.cmsf.spark.SparkJobs}
 * (the cluster's master). Exit codes as the CLI's: 2 for a user mistake, in one line.
 */
@Command(
    name = "cmsf spark",
    mixinStandardHelpOptions = true,
    subcommands = {SparkJobs.Embed.class, SparkJobs.Knn.class},
    description = "Embedding and exact kNN of cmsf encoders on Apache Spark 3.5.")
public final class SparkJobs implements Runnable {
  private static final int USAGE = 2;

  @Override
  public void run() {
    CommandLine.usage(this, System.out);
  }

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns its exit code (tests). */
  public static int execute(String... args) {
    return new CommandLine(new SparkJobs())
        .setParameterExceptionHandler(
            (e, a) -> {
              e.getCommandLine().getErr().println("cmsf spark: " + e.getMessage());
              return USAGE;
            })
        .setExecutionExceptionHandler(
            (e, cmd, parsed) -> {
              Throwable cause = e;
              while (cause.getCause() != null && !userMistake(cause)) {
                cause = cause.getCause();
              }
              if (userMistake(cause)) {
                cmd.getErr().println("cmsf spark: error: " + cause.getMessage());
                return USAGE;
              }
              cmd.getErr().println("cmsf spark: failed: " + e);
              e.printStackTrace(cmd.getErr());
              return 1;
            })
        .execute(args);
  }

  private static boolean userMistake(Throwable e) {
    return e instanceof ConfigException || e instanceof InvalidDataException;
  }

  /** Options every job has. */
  static final class Session {
    @Option(
        names = "--master",
        paramLabel = "URL",
        description =
            "Spark master when none is configured (spark-submit sets one); default local[*]")
    String master;

    /** The session: spark-submit's, or a local one. */
    SparkSession open(String name) {
      SparkSession.Builder builder = SparkSession.builder().appName("cmsf " + name);
      if (master != null) {
        builder.master(master);
      } else if (!new org.apache.spark.SparkConf().contains("spark.master")) {
        builder.master("local[*]");
      }
      return builder.getOrCreate();
    }
  }

  /** Refuses to replace an existing output unless told to. */
  static void checkOut(SparkSession spark, String out, boolean overwrite) {
    try {
      org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(out);
      FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!overwrite && fs.exists(path)) {
        throw new ConfigException("--out " + out + ": exists; add --overwrite to replace it");
      }
    } catch (IOException e) {
      throw new ConfigException("--out " + out + ": " + e.getMessage());
    }
  }

  @Command(
      name = "embed",
      mixinStandardHelpOptions = true,
      description =
          "Embed image files with an encoder from 'cmsf export' (DJL format) into a Parquet table"
              + " of path, label (the class folder), embedding (array<float>); unreadable images"
              + " are counted and skipped.")
  static final class Embed implements Callable<Integer> {
    @Option(names = "--encoder", required = true, paramLabel = "DIR", description = "export folder")
    Path encoder;

    @ArgGroup(multiplicity = "1")
    Input input;

    /** Folders or a list. */
    static final class Input {
      @Option(
          names = "--images",
          split = ",",
          paramLabel = "DIR",
          description = "folders of image files, recursively (sub-folders name the labels)")
      List<String> folders;

      @Option(
          names = "--paths",
          paramLabel = "TABLE",
          description = "a Parquet table with a column path (and label), or a .txt of paths")
      String table;
    }

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Parquet output")
    String out;

    @Option(
        names = "--batch-size",
        defaultValue = "64",
        paramLabel = "N",
        description = "images per forward pass (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--overwrite", description = "replace --out if it exists")
    boolean overwrite;

    @CommandLine.Mixin Session session = new Session();

    @Override
    public Integer call() throws IOException {
      if (batchSize < 1) {
        throw new ConfigException("--batch-size " + batchSize + ": expected at least 1");
      }
      SparkSession spark = session.open("embed");
      checkOut(spark, out, overwrite);
      EmbedJob job = new EmbedJob(spark);
      Dataset<Row> images =
          input.folders != null ? job.folders(input.folders) : job.listed(input.table);
      EmbedJob.Summary summary = job.run(images, encoder, out, batchSize, overwrite);
      System.out.println(summary.line(out));
      return 0;
    }
  }

  @Command(
      name = "knn",
      mixinStandardHelpOptions = true,
      description =
          "Exact k nearest reference rows (cosine) of every query row, from Parquet tables of"
              + " 'cmsf spark embed'; prints the kNN accuracy (majority and exp(sim/0.07)-weighted"
              + " vote) of the labelled queries as one JSON line.")
  static final class Knn implements Callable<Integer> {
    @Option(
        names = "--reference",
        required = true,
        paramLabel = "TABLE",
        description = "references")
    String reference;

    @Option(names = "--query", required = true, paramLabel = "TABLE", description = "queries")
    String query;

    @Option(
        names = {"-k", "--k"},
        split = ",",
        defaultValue = "1,20",
        paramLabel = "K",
        description = "neighbourhood sizes (default: ${DEFAULT-VALUE}); the lists hold the largest")
    int[] ks;

    @Option(
        names = "--out",
        paramLabel = "DIR",
        description = "Parquet of every query's neighbours")
    String out;

    @Option(names = "--overwrite", description = "replace --out if it exists")
    boolean overwrite;

    @Option(
        names = "--keep-same-path",
        description = "let a query list a reference row of its own path (left out by default)")
    boolean keepSamePath;

    @CommandLine.Mixin Session session = new Session();

    @Override
    public Integer call() {
      int kMax = Arrays.stream(ks).max().orElseThrow();
      if (Arrays.stream(ks).anyMatch(k -> k < 1)
          || Arrays.stream(ks).distinct().count() != ks.length) {
        throw new ConfigException(
            "--k " + Arrays.toString(ks) + ": expected distinct values of at least 1");
      }
      SparkSession spark = session.open("knn");
      if (out != null) {
        checkOut(spark, out, overwrite);
      }
      long start = System.nanoTime();
      KnnJob.Neighbours neighbours =
          new KnnJob(spark)
              .search(
                  table(spark, "--query", query),
                  table(spark, "--reference", reference),
                  kMax,
                  !keepSamePath);
      if (out != null) {
        neighbours
            .table()
            .write()
            .mode(overwrite ? SaveMode.Overwrite : SaveMode.ErrorIfExists)
            .parquet(out);
      }
      KnnAccuracy accuracy = neighbours.accuracy(ks);
      System.out.println(accuracy.json());
      System.err.printf(
          Locale.ROOT,
          "cmsf spark: kNN of %s against %s in %.1f s%n",
          query,
          reference,
          (System.nanoTime() - start) / 1e9);
      return 0;
    }

    private static Dataset<Row> table(SparkSession spark, String option, String path) {
      try {
        return spark.read().parquet(path);
      } catch (Exception e) {
        // AnalysisException (checked in Java's eyes, undeclared by Scala): no such path, not
        // Parquet
        throw new ConfigException(
            option + " " + path + ": " + e.getMessage().lines().findFirst().orElse(""));
      }
    }
  }
}
