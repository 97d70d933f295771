package dev.cmsf.cli;

import dev.cmsf.api.Encoder;
import dev.cmsf.config.ConfigException;
import dev.cmsf.embed.CosineSearch;
import dev.cmsf.embed.EmbeddingIndex;
import dev.cmsf.embed.Npy;
import dev.cmsf.embed.Ranking;
import dev.cmsf.model.EncoderOutput;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cmsf search}: exact nearest rows of an embeddings file by cosine similarity. */
@Command(
    name = "search",
    mixinStandardHelpOptions = true,
    description =
        "Nearest rows of an embeddings file (from cmsf embed) to an image or to one of its rows,"
            + " by cosine similarity; exact (every row scored).")
final class SearchCommand implements Callable<Integer> {
  @Option(names = "--index", required = true, paramLabel = "FILE.npy", description = "embeddings")
  Path index;

  @ArgGroup(multiplicity = "1")
  Query query;

  /** Exactly one query. */
  static final class Query {
    @Option(
        names = "--query",
        paramLabel = "IMAGE",
        description = "an image file, embedded with --run's encoder")
    Path image;

    @Option(
        names = "--query-index",
        paramLabel = "ROW",
        description = "a row of the index (left out of the results)")
    Integer row;
  }

  @Option(
      names = "--run",
      paramLabel = "DIR",
      description = "run whose encoder embeds --query (the one that wrote the index)")
  Path run;

  @Option(
      names = "--output",
      paramLabel = "backbone|projection",
      converter = OutputConverter.class,
      description = "the encoder output of the index (default: the one of its dimension)")
  EncoderOutput output;

  @Option(
      names = {"-k", "--k"},
      paramLabel = "K",
      defaultValue = "10",
      description = "neighbours to list (default: ${DEFAULT-VALUE})")
  int k;

  @Override
  public Integer call() throws IOException {
    if (k < 1) {
      throw new ConfigException("-k " + k + ": expected at least 1");
    }
    Npy.Header header = Npy.readHeader(index);
    float[] vector = query.image != null ? embedImage(header.cols()) : row(header);
    int exclude = query.row != null ? query.row : -1;
    long start = System.nanoTime();
    Ranking ranking = CosineSearch.nearest(index, header, vector, k, exclude);
    double millis = (System.nanoTime() - start) / 1e6;
    print(ranking);
    System.err.printf(
        Locale.ROOT,
        "searched %d embeddings of dimension %d in %.0f ms%n",
        header.rows(),
        header.cols(),
        millis);
    return 0;
  }

  private float[] embedImage(int dim) throws IOException {
    if (run == null) {
      throw new ConfigException(
          "--query IMAGE needs --run DIR, the run whose encoder made --index");
    }
    EncoderOutput chosen = output != null ? output : EncoderOutput.BACKBONE;
    try (Encoder encoder = Encoder.load(run, chosen)) {
      if (output != null || encoder.dimension() == dim) {
        return checked(encoder, dim);
      }
    }
    // the index holds the other output: its dimension says which
    try (Encoder projection = Encoder.load(run, EncoderOutput.PROJECTION)) {
      return checked(projection, dim);
    }
  }

  private float[] checked(Encoder encoder, int dim) {
    if (encoder.dimension() != dim) {
      throw new ConfigException(
          "--index "
              + index
              + ": rows of "
              + dim
              + " values, but "
              + run
              + "'s "
              + encoder.output().label()
              + " embeddings have "
              + encoder.dimension());
    }
    return encoder.embed(query.image);
  }

  private float[] row(Npy.Header header) throws IOException {
    int r = query.row;
    if (r < 0 || r >= header.rows()) {
      throw new ConfigException(
          "--query-index " + r + ": expected a row in 0.." + (header.rows() - 1));
    }
    return Npy.readRow(index, header, r);
  }

  private void print(Ranking ranking) throws IOException {
    Map<Integer, EmbeddingIndex.Entry> entries =
        EmbeddingIndex.entries(
            index, Arrays.stream(ranking.indices()).boxed().collect(Collectors.toSet()));
    System.out.println("rank\tindex\tsimilarity\tlabel\tpath");
    for (int i = 0; i < ranking.size(); i++) {
      int row = ranking.indices()[i];
      EmbeddingIndex.Entry entry = entries.get(row);
      System.out.printf(
          Locale.ROOT,
          "%d\t%d\t%.4f\t%s\t%s%n",
          i + 1,
          row,
          ranking.similarities()[i],
          entry == null ? "" : Integer.toString(entry.label()),
          entry == null ? "" : entry.path());
    }
  }
}
