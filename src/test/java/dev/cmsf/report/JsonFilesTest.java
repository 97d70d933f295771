package dev.cmsf.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cmsf.eval.LinearProbeResult;
import dev.cmsf.eval.ProbeMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Adding an evaluation to an existing report keeps everything already in it. */
class JsonFilesTest {
  @TempDir Path dir;

  private final LinearProbeResult result =
      new LinearProbeResult(0.8, 0.99, 40, ProbeMode.CACHED, 60000, 10000, 12.5);

  @Test
  void putField_addsTheKeyAndKeepsEveryOtherKey() throws Exception {
    Path report = dir.resolve("report.json");
    Files.writeString(report, "{\"method\":\"msf\",\"knn1\":0.79,\"extra\":{\"a\":1}}");

    JsonFiles.putField(report, "linear", result);

    JsonNode tree = MetricsLog.JSON.readTree(report.toFile());
    assertThat(tree.get("method").asText()).isEqualTo("msf");
    assertThat(tree.get("knn1").asDouble()).isEqualTo(0.79);
    assertThat(tree.get("extra").get("a").asInt()).isEqualTo(1);
    JsonNode linear = tree.get("linear");
    assertThat(linear.get("top1").asDouble()).isEqualTo(0.8);
    assertThat(linear.get("top5").asDouble()).isEqualTo(0.99);
    assertThat(linear.get("mode").asText()).isEqualTo("cached");
    assertThat(linear.get("train_size").asInt()).isEqualTo(60000);
    assertThat(dir.resolve("report.json.tmp")).doesNotExist();
  }

  @Test
  void putField_replacesAnEarlierResult() throws Exception {
    Path report = dir.resolve("report.json");
    Files.writeString(report, "{\"linear\":{\"top1\":0.1}}");

    JsonFiles.putField(report, "linear", result);

    assertThat(MetricsLog.JSON.readTree(report.toFile()).get("linear").get("top1").asDouble())
        .isEqualTo(0.8);
  }

  @Test
  void putField_refusesAFileThatIsNotAnObject() throws Exception {
    Path report = dir.resolve("report.json");
    Files.writeString(report, "[1, 2]");

    assertThatThrownBy(() -> JsonFiles.putField(report, "linear", result))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not a JSON object");
  }
}
