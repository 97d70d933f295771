package dev.cmsf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cmsf bench data} on a small synthetic folder. */
class BenchDataCommandTest {
  @TempDir Path dir;

  @Test
  void syntheticFolder_isWrittenAndTimedForEachWorkerCount() throws Exception {
    Path root = dir.resolve("photos");
    List<JsonNode> lines;
    try (ConsoleCapture console = new ConsoleCapture()) {
      int code =
          Main.execute(
              "bench",
              "data",
              "--synthetic",
              "12",
              "--synthetic-size",
              "64x48",
              "--data",
              root.toString(),
              "--image-size",
              "32",
              "--images",
              "16",
              "--workers",
              "1,2");
      assertThat(code).as(console.err()).isZero();
      ObjectMapper json = new ObjectMapper();
      lines = console.out().lines().map(line -> readTree(json, line)).toList();
    }

    assertThat(root.resolve("train/class_9")).isDirectory();
    assertThat(lines).extracting(n -> n.get("workers").asInt()).containsExactly(1, 2);
    for (JsonNode line : lines) {
      assertThat(line.get("images").asInt()).isEqualTo(16);
      assertThat(line.get("images_per_second").asDouble()).isPositive();
      assertThat(line.get("skipped").asInt()).isZero();
      assertThat(line.get("jpeg_decoder").asText()).isIn("turbojpeg", "imageio");
    }
  }

  private static JsonNode readTree(ObjectMapper json, String line) {
    try {
      return json.readTree(line);
    } catch (Exception e) {
      throw new AssertionError("not a JSON line: " + line, e);
    }
  }
}
