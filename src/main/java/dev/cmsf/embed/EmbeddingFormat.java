package dev.cmsf.embed;

import dev.cmsf.config.ConfigException;
import java.nio.file.Path;
import java.util.Locale;

/** The file formats {@code cmsf embed} writes. */
public enum EmbeddingFormat {
  /** A float32 {@code .npy} matrix plus a CSV of index, path, label beside it. */
  NPY,
  /** One JSON object per line: index, path, label, embedding. */
  JSONL;

  /**
   * The format {@code requested} ({@code npy} or {@code jsonl}), or when null the one the extension
   * of {@code out} names ({@code .npy}; {@code .jsonl}, {@code .ndjson} or {@code .json}).
   *
   * @throws ConfigException when neither names a format
   */
  public static EmbeddingFormat choose(String requested, Path out) {
    String name = requested;
    if (name == null) {
      String file = out.getFileName().toString().toLowerCase(Locale.ROOT);
      name = file.substring(file.lastIndexOf('.') + 1);
    }
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "npy" -> NPY;
      case "jsonl", "ndjson", "json" -> JSONL;
      default ->
          throw new ConfigException(
              requested != null
                  ? "--format " + requested + ": expected npy or jsonl"
                  : "--out "
                      + out
                      + ": cannot tell the format from the extension; name the file"
                      + " .npy or .jsonl, or pass --format npy|jsonl");
    };
  }
}
