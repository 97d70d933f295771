package dev.cmsf.train;

import dev.cmsf.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The arithmetic of the networks, configuration key {@code precision}:
 *
 * <ul>
 *   <li>{@code fp32}: everything in single precision (the default).
 *   <li>{@code bf16}: the encoders' convolutions, forward and backward, in bfloat16 with fp32
 *       master weights (see {@code MeanShiftNetworks#useBf16Convolutions}); fast on CPUs with
 *       AVX-512 BF16 / AMX, emulated (slower than fp32) elsewhere.
 *   <li>{@code fp16}: refused. PyTorch 2.7.1's CPU kernels for half-precision convolution ran
 *       far slower than fp32 here (a single 3x3 convolution did not finish in minutes), and on
 *       GPUs the loss-scaling path is not written or tested (docs/performance.md).
 * </ul>
 */
final class Precision {
  static final String BF16 = "bf16";
  private static final Logger LOG = LoggerFactory.getLogger(Precision.class);
  private static final Path CPU_INFO = Path.of("/proc/cpuinfo");

  private Precision() {}

  static final String AUTO = "auto";

  /**
   * The precision {@code auto} stands for: bf16 where the CPU computes it natively (about 1.7x
   * the fp32 step, docs/performance.md), fp32 on other CPUs (emulated bf16 is slower than fp32)
   * and on GPUs (bf16 untested there). Other values are returned unchanged.
   */
  static String resolve(String precision, ai.djl.Device device) {
    if (!AUTO.equals(precision)) {
      return precision;
    }
    return !device.isGpu() && hasNativeBf16(CPU_INFO) ? BF16 : "fp32";
  }

  /** Whether the CPU flags in {@code cpuInfo} show AVX-512 BF16 or AMX-BF16. */
  static boolean hasNativeBf16(Path cpuInfo) {
    try {
      String flags = Files.readString(cpuInfo).toLowerCase(Locale.ROOT);
      return flags.contains("avx512_bf16") || flags.contains("amx_bf16");
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** Throws a configuration error unless {@code precision} can run. */
  static void require(String precision) {
    switch (precision) {
      case "fp32" -> {}
      case BF16 -> warnWithoutNativeBf16(CPU_INFO);
      case "fp16" ->
          throw new ConfigException(
              "key 'precision' = fp16: not supported (CPU half-precision convolutions are far"
                  + " slower than fp32; the GPU path is untested); use fp32 or bf16");
      default -> throw new ConfigException("key 'precision' = " + precision + ": unknown");
    }
  }

  /**
   * Warns when the CPU flags in {@code cpuInfo} show no native bf16 arithmetic (AVX-512 BF16 or
   * AMX-BF16): oneDNN then emulates it, slower than fp32 (on a GPU the warning does not apply).
   * Silent where the file is unreadable (not Linux).
   *
   * @return whether the warning was given
   */
  static boolean warnWithoutNativeBf16(Path cpuInfo) {
    String flags;
    try {
      flags = Files.readString(cpuInfo).toLowerCase(Locale.ROOT);
    } catch (IOException | RuntimeException e) {
      return false;
    }
    if (!flags.contains("flags") || flags.contains("avx512_bf16") || flags.contains("amx_bf16")) {
      return false;
    }
    LOG.warn(
        "precision bf16: this CPU has neither AVX-512 BF16 nor AMX-BF16; bf16"
            + " convolutions are emulated and likely slower than fp32");
    return true;
  }
}
