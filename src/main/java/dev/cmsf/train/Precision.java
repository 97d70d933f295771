package dev.cmsf.train;

import dev.cmsf.config.ConfigException;

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

  private Precision() {}

  /** Throws a configuration error unless {@code precision} can run. */
  static void require(String precision) {
    switch (precision) {
      case "fp32", BF16 -> {}
      case "fp16" ->
          throw new ConfigException(
              "key 'precision' = fp16: not supported (CPU half-precision convolutions are far"
                  + " slower than fp32; the GPU path is untested); use fp32 or bf16");
      default -> throw new ConfigException("key 'precision' = " + precision + ": unknown");
    }
  }
}
