package dev.cmsf.train;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Whether two run directories trained identically: the newest checkpoint's weights, bank and
 * constraint state byte for byte, metrics.jsonl, report.json and the kNN floor (clock readings
 * left out). {@code java -cp ... RunComparison RUN_A RUN_B}; exit status 0 when equal, 1 if
 * not (tools/kill_soak.sh).
 */
final class RunComparison {
  private RunComparison() {}

  public static void main(String[] args) throws Exception {
    Path a = Path.of(args[0]);
    Path b = Path.of(args[1]);
    boolean state = Arrays.equals(RunFiles.state(a), RunFiles.state(b));
    boolean metrics = RunFiles.metrics(a).equals(RunFiles.metrics(b));
    boolean report = RunFiles.report(a).equals(RunFiles.report(b));
    System.out.printf(
        "checkpoint state %s, metrics.jsonl %s, report and floor %s%n",
        same(state), same(metrics), same(report));
    System.exit(state && metrics && report ? 0 : 1);
  }

  private static String same(boolean equal) {
    return equal ? "equal" : "DIFFERENT";
  }
}
