package dev.cmsf.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cmsf.data.InvalidDataException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a run's {@code metrics.jsonl} back into {@link StepRecord}s and {@link EpochRecord}s.
 *
 * <p>The log is appended line by line while training, so a run killed mid-write leaves a
 * partial last line: that line is skipped with a warning. A bad line anywhere else means the
 * file is corrupt and is refused. Keys this version does not know are ignored, so that logs of
 * newer versions still read.
 *
 * <p>A resumed run starts again from its newest checkpoint and logs the steps after it a second
 * time; the later record of a step (or epoch) replaces the earlier, so curves never run back.
 */
public final class MetricsReader {
  /** snake_case like {@link MetricsLog}, tolerant of keys added by later versions or tools. */
  static final ObjectMapper JSON =
      MetricsLog.JSON.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private MetricsReader() {}

  /**
   * Reads {@code file}.
   *
   * @throws InvalidDataException if a line other than the last is not a valid record
   */
  public static RunMetrics read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    int last = lines.size() - 1;
    while (last >= 0 && lines.get(last).isBlank()) {
      last--;
    }
    Map<Long, StepRecord> steps = new TreeMap<>();
    Map<Integer, EpochRecord> epochs = new TreeMap<>();
    List<String> warnings = new ArrayList<>();
    for (int i = 0; i <= last; i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      try {
        JsonNode node = JSON.readTree(line);
        // Unknown record types come from newer versions: skipped, like unknown keys.
        switch (node.path("type").asText()) {
          case "step" -> {
            StepRecord step = JSON.treeToValue(node, StepRecord.class);
            steps.put(step.step(), step);
          }
          case "epoch" -> {
            EpochRecord epoch = JSON.treeToValue(node, EpochRecord.class);
            epochs.put(epoch.epoch(), epoch);
          }
          default -> {}
        }
      } catch (JsonProcessingException e) {
        if (i < last) {
          throw new InvalidDataException(
              file
                  + ": line "
                  + (i + 1)
                  + " is not a metrics record ("
                  + e.getOriginalMessage()
                  + ")");
        }
        warnings.add(
            file
                + ": skipped the incomplete last line "
                + (i + 1)
                + " (the run stopped while writing it)");
      }
    }
    return new RunMetrics(
        new ArrayList<>(steps.values()), new ArrayList<>(epochs.values()), warnings);
  }
}
