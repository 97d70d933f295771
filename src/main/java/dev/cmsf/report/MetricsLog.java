package dev.cmsf.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Appends one JSON object per line to a run's {@code metrics.jsonl}; each record is a typed
 * Java record serialised with snake_case keys and flushed at once, so a crash loses nothing
 * already logged.
 */
public final class MetricsLog implements AutoCloseable {
  // other commands add keys to report.json (for example the linear probe): readers skip them
  static final ObjectMapper JSON =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final BufferedWriter out;

  /** Opens {@code file} for appending, creating it if needed. */
  public MetricsLog(Path file) throws IOException {
    this.out =
        Files.newBufferedWriter(
            file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /** Appends one record as a JSON line. */
  public synchronized void write(Object record) {
    try {
      out.write(JSON.writeValueAsString(record));
      out.newLine();
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write metrics", e);
    }
  }

  /**
   * Cuts {@code file} back to what a run had logged when it reached a checkpoint: step
   * records up to {@code step}, epoch records up to {@code epochs}, no incomplete last line.
   * A resumed run then appends exactly the lines an uninterrupted run would have written.
   * Replaces the file atomically; a missing file is left missing.
   *
   * @return the number of lines removed
   */
  public static int truncate(Path file, long step, int epochs) throws IOException {
    if (!Files.exists(file)) {
      return 0;
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<String> kept = new ArrayList<>();
    for (String line : lines) {
      if (covered(line, step, epochs)) {
        kept.add(line);
      }
    }
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(temp, kept, StandardCharsets.UTF_8);
    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return lines.size() - kept.size();
  }

  /** Whether a log line was written before the checkpoint at (step, epochs). */
  private static boolean covered(String line, long step, int epochs) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      return false; // the line being written when the process died
    }
    if (node == null || !node.isObject()) {
      return false;
    }
    return switch (node.path("type").asText()) {
      case "step" -> node.path("step").asLong() <= step;
      case "epoch" -> node.path("epoch").asInt() <= epochs;
      default -> true; // records of other tools or versions are not ours to cut
    };
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
