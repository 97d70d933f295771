package dev.cmsf.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resident memory of this process, from {@code /proc/self/status} (Linux). Native memory
 * (PyTorch's tensors, the allocator's cached pages) is most of it and invisible to the JVM's
 * own counters, so this is the figure that tells a user whether a long run fits the machine.
 */
public final class ProcessMemory {
  private static final Path STATUS = Path.of("/proc/self/status");

  private ProcessMemory() {}

  /** Resident set size now (VmRSS), MiB; null where {@code /proc} is not there. */
  public static Double residentMb() {
    return field("VmRSS:");
  }

  /** Peak resident set size of the process so far (VmHWM), MiB; null where unknown. */
  public static Double peakResidentMb() {
    return field("VmHWM:");
  }

  private static Double field(String name) {
    try {
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith(name)) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException | NumberFormatException | SecurityException e) {
      return null;
    }
    return null;
  }
}
