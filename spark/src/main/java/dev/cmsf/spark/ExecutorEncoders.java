package dev.cmsf.spark;

import dev.cmsf.embed.ExportedEncoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * One loaded encoder per executor JVM and export: every task of the JVM shares it, so a model is
 * read and its native memory taken once, not once per partition. Its local copy of the files lives
 * in a temporary folder deleted when the JVM exits.
 */
final class ExecutorEncoders {
  private static final Map<String, ExportedEncoder> LOADED = new HashMap<>();

  private ExecutorEncoders() {}

  /** The encoder of {@code files}, loaded on first use in this JVM. */
  static synchronized ExportedEncoder get(EncoderFiles files) {
    return LOADED.computeIfAbsent(files.id(), id -> load(files));
  }

  private static ExportedEncoder load(EncoderFiles files) {
    try {
      Path dir = Files.createTempDirectory("cmsf-encoder-");
      files.writeTo(dir);
      try (var list = Files.list(dir)) {
        list.forEach(f -> f.toFile().deleteOnExit());
      }
      dir.toFile().deleteOnExit(); // registered last, so deleted after its files
      return ExportedEncoder.load(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load the encoder on this executor", e);
    }
  }
}
