package dev.cmsf.train;

import dev.cmsf.config.ConfigException;

/**
 * The arithmetic of the networks, configuration key {@code precision}. Only {@code fp32} runs on
 * this engine build; the other values are accepted by the configuration so that a run file
 * states its intent, and refused here with the measured reason (docs/performance.md):
 *
 * <ul>
 *   <li>{@code bf16}: DJL 0.36's PyTorch JNI maps data types by a table that stops before
 *       bfloat16; any cast to it ends the process in native code ({@code terminate called
 *       without an active exception}), so no bf16 tensor can be made through DJL's API.
 *   <li>{@code fp16}: reachable, but PyTorch 2.7.1's CPU kernels for half-precision
 *       convolution ran far slower than fp32 here (a single 3x3 convolution did not finish in
 *       minutes), and on GPUs the cast path is not yet written or tested.
 * </ul>
 */
final class Precision {
  private Precision() {}

  /** Throws a configuration error unless {@code precision} can run. */
  static void require(String precision) {
    switch (precision) {
      case "fp32" -> {}
      case "bf16" ->
          throw new ConfigException(
              "key 'precision' = bf16: DJL 0.36's PyTorch JNI has no bfloat16 data type"
                  + " (a cast aborts the process); use fp32");
      case "fp16" ->
          throw new ConfigException(
              "key 'precision' = fp16: not supported yet (CPU half-precision convolutions are"
                  + " far slower than fp32; the GPU path is untested); use fp32");
      default -> throw new ConfigException("key 'precision' = " + precision + ": unknown");
    }
  }
}
