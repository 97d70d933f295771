package dev.cmsf.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cmsf.data.FashionMnist;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cmsf bench}: the training-step benchmark's JSON, on a tiny network. */
@Tag("integration")
class BenchCommandTest {
  @TempDir Path dir;

  private static final String[] TINY = {
    "--limit",
    "256",
    "--set",
    "width=0.125",
    "--set",
    "batch_size=32",
    "--set",
    "bank_size=256",
    "--steps",
    "2",
    "--warmup",
    "1"
  };

  private JsonNode bench(String... extra) throws Exception {
    assumeTrue(FashionMnist.isAvailable(null), "Fashion-MNIST not installed");
    Path out = dir.resolve("bench-" + extra.length + ".json");
    String[] args = new String[1 + TINY.length + extra.length + 2];
    args[0] = "bench";
    System.arraycopy(TINY, 0, args, 1, TINY.length);
    System.arraycopy(extra, 0, args, 1 + TINY.length, extra.length);
    args[args.length - 2] = "--out";
    args[args.length - 1] = out.toString();
    try (ConsoleCapture console = new ConsoleCapture()) {
      int code = Main.execute(args);
      assertThat(code).as(console.err()).isZero();
      JsonNode line = new ObjectMapper().readTree(console.out().strip());
      assertThat(new ObjectMapper().readTree(Files.readString(out))).isEqualTo(line);
      return line;
    }
  }

  @Test
  void liveFp32_reportsRateFlopsMemoryAndTheInputWait() throws Exception {
    JsonNode r = bench();
    assertThat(r.get("method").asText()).isEqualTo("msf");
    assertThat(r.get("precision").asText()).isEqualTo("fp32");
    assertThat(r.get("input").asText()).isEqualTo("live");
    assertThat(r.get("steps").asInt()).isEqualTo(2);
    assertThat(r.get("pairs_per_second").asDouble()).isPositive();
    // end to end includes the wait for the loader, so it can only be slower
    assertThat(r.get("wall_pairs_per_second").asDouble())
        .isLessThanOrEqualTo(r.get("pairs_per_second").asDouble());
    assertThat(r.get("median_input_wait_seconds").asDouble()).isGreaterThanOrEqualTo(0);
    assertThat(r.get("gflop_per_pair").asDouble()).isPositive();
    assertThat(r.get("achieved_gflops").asDouble())
        .isCloseTo(
            r.get("gflop_per_pair").asDouble() * r.get("pairs_per_second").asDouble(),
            org.assertj.core.data.Percentage.withPercentage(0.1));
    assertThat(r.get("peak_fp32_gflops").asDouble()).isPositive();
    assertThat(r.get("phase_seconds").get("backward").asDouble()).isPositive();
    assertThat(r.get("peak_rss_mb").asDouble()).isPositive();
  }

  @Test
  void cachedBf16_timesTheStepAloneWithoutWaiting() throws Exception {
    JsonNode r = bench("--input", "cached", "--set", "precision=bf16");
    assertThat(r.get("precision").asText()).isEqualTo("bf16");
    assertThat(r.get("input").asText()).isEqualTo("cached");
    assertThat(r.get("median_input_wait_seconds").asDouble()).isLessThan(0.01);
    assertThat(r.get("pairs_per_second").asDouble()).isPositive();
  }
}
