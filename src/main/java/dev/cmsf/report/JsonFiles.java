package dev.cmsf.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Atomic writes of the run directory's JSON files: written to a temporary file beside the
 * target and renamed over it, so a reader never sees half a report.
 */
public final class JsonFiles {

  private JsonFiles() {}

  /** Writes {@code value} (a record, snake_case keys) as pretty JSON. */
  public static void write(Path file, Object value) throws IOException {
    replace(file, MetricsLog.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(value));
  }

  /**
   * Sets {@code key} of the JSON object in {@code file} to {@code value}, keeping every other
   * key as it was (a later evaluation adds to a report, it does not rewrite it).
   *
   * @throws IOException if the file is unreadable or does not hold a JSON object
   */
  public static void putField(Path file, String key, Object value) throws IOException {
    JsonNode tree = MetricsLog.JSON.readTree(file.toFile());
    if (!(tree instanceof ObjectNode object)) {
      throw new IOException(file + ": not a JSON object");
    }
    object.set(key, MetricsLog.JSON.valueToTree(value));
    replace(file, MetricsLog.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(object));
  }

  private static void replace(Path file, byte[] bytes) throws IOException {
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(temp, bytes);
    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
