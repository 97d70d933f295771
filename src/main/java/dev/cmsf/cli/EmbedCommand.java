package dev.cmsf.cli;

import dev.cmsf.api.Encoder;
import dev.cmsf.config.ConfigException;
import dev.cmsf.config.ConfigLoader;
import dev.cmsf.config.ConfigValidator;
import dev.cmsf.config.TrainConfig;
import dev.cmsf.data.DataSplits;
import dev.cmsf.data.ImageDataset;
import dev.cmsf.data.ImageList;
import dev.cmsf.data.SubsetDataset;
import dev.cmsf.embed.EmbeddingFormat;
import dev.cmsf.embed.EmbeddingWriter;
import dev.cmsf.model.EncoderOutput;
import dev.cmsf.report.Progress;
import dev.cmsf.train.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cmsf embed}: the embeddings of a data set split or a folder of images. */
@Command(
    name = "embed",
    mixinStandardHelpOptions = true,
    description =
        "Embed a data set split or a folder of image files with a trained run's encoder: a"
            + " float32 .npy matrix with a CSV (index, path, label) beside it, or JSON lines.")
final class EmbedCommand implements Callable<Integer> {
  @Option(names = "--run", required = true, paramLabel = "DIR", description = "run directory")
  Path run;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description =
          "a folder of image files (sub-folders as classes), or the data set's directory;"
              + " default: the run's data")
  Path data;

  @Option(
      names = "--dataset",
      paramLabel = "NAME",
      description = "a data set this build reads (default: the run's), with --split")
  String dataset;

  @Option(
      names = "--split",
      paramLabel = "train|test",
      defaultValue = "train",
      description = "split of the data set (default: ${DEFAULT-VALUE})")
  String split;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "embed only the first N images (0: all, the default)")
  int limit;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = ".npy or .jsonl")
  Path out;

  @Option(
      names = "--format",
      paramLabel = "npy|jsonl",
      description = "file format (default: from the --out extension)")
  String format;

  @Option(
      names = "--output",
      paramLabel = "backbone|projection",
      defaultValue = "backbone",
      converter = OutputConverter.class,
      description = "backbone features or projection head outputs (default: ${DEFAULT-VALUE})")
  EncoderOutput output;

  @Option(names = "--quiet", description = "no progress bar")
  boolean quiet;

  @Override
  public Integer call() throws IOException {
    EmbeddingFormat chosen = EmbeddingFormat.choose(format, out);
    TrainConfig config = ConfigLoader.read(RunDirectory.open(run).config());
    long start = System.nanoTime();
    if (limit < 0) {
      throw new ConfigException("--limit " + limit + ": expected at least 0 (0: all images)");
    }
    try (Encoder encoder = Encoder.load(run, output)) {
      ImageDataset images = SubsetDataset.limit(images(config, encoder), limit);
      float[] embeddings;
      try (Progress bar =
          (quiet ? Progress.none() : Progress.bars()).start("embed", images.size(), "img")) {
        embeddings = encoder.embedAll(images, bar::step);
      }
      List<Path> files =
          EmbeddingWriter.write(out, chosen, embeddings, encoder.dimension(), images);
      System.out.printf(
          Locale.ROOT,
          "wrote %d embeddings of dimension %d (%s) to %s in %.1f s%n",
          images.size(),
          encoder.dimension(),
          output.label(),
          String.join(" and ", files.stream().map(Path::toString).toList()),
          (System.nanoTime() - start) / 1e9);
    }
    return 0;
  }

  /** The images: a folder of image files, else a split of a data set this build reads. */
  private ImageDataset images(TrainConfig config, Encoder encoder) throws IOException {
    if (dataset == null && data != null && holdsImages(data)) {
      return encoder.folder(data);
    }
    String name = dataset != null ? dataset : config.dataset();
    if (!ConfigValidator.DATASETS.contains(name)) {
      throw new ConfigException(
          "--dataset "
              + name
              + ": expected one of "
              + String.join(", ", ConfigValidator.DATASETS)
              + ", or --data DIR with image files");
    }
    DataSplits splits = DataSplits.open(name, dataDirectory(data, name, config));
    return switch (split) {
      case "train" -> splits.train();
      case "test" -> splits.test();
      default -> throw new ConfigException("--split " + split + ": expected train or test");
    };
  }

  /**
   * {@code --data}, else the run's {@code data} when it names the run's own data set, else null
   * (the data set's default location): the run's folder of another data set holds none of
   * {@code name}'s files.
   */
  static Path dataDirectory(Path data, String name, TrainConfig config) {
    if (data != null) {
      return data;
    }
    boolean runsOwn = name.equals(config.dataset()) && !config.data().isEmpty();
    return runsOwn ? Path.of(config.data()) : null;
  }

  private static boolean holdsImages(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new ConfigException("--data " + dir + ": not a folder");
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.anyMatch(f -> Files.isRegularFile(f) && ImageList.isImage(f));
    }
  }
}
