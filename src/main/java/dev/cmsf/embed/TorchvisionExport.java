package dev.cmsf.embed;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import dev.cmsf.model.EncoderDescription;
import dev.cmsf.model.TorchvisionNames;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes an encoder as one safetensors file that PyTorch loads: every parameter and BatchNorm
 * running statistic under torchvision's name ({@link TorchvisionNames}), float32, plus the {@code
 * num_batches_tracked} counter torchvision's BatchNorm has, and the architecture and preprocessing
 * as {@code __metadata__} (the fields of {@link EncoderDescription} as text, and {@code arch}, e.g.
 * {@code resnet50}). {@code tools/torchvision_encoder.py} builds the matching module from the
 * metadata; docs/commands.md shows it.
 */
public final class TorchvisionExport {
  /** Name of the file in the export directory. */
  public static final String FILE_NAME = "encoder.safetensors";

  /** The metadata key naming this layout, so that a loader can refuse another. */
  public static final String LAYOUT_KEY = "cmsf_layout";

  /** The layout of this version: torchvision names, backbone then optional {@code fc} head. */
  public static final String LAYOUT = "torchvision-resnet/1";

  private TorchvisionExport() {}

  /**
   * Writes {@code encoder} (initialised, of the architecture {@code description} names) to {@code
   * file}.
   *
   * @param batchesTracked the value of every {@code num_batches_tracked}: the run's training steps
   *     (PyTorch reads it only for {@code momentum=None}, a cumulative average)
   */
  public static void write(
      Block encoder, EncoderDescription description, long batchesTracked, Path file)
      throws IOException {
    List<NamedTensor> tensors = new ArrayList<>();
    for (TorchvisionNames.Layer layer :
        TorchvisionNames.layers(encoder, description.encoderOutput())) {
      for (Parameter p : layer.block().getDirectParameters().values()) {
        // float32 in C order: DJL's (out, in, kh, kw) and (out, in) are torch's layouts too
        tensors.add(
            NamedTensor.f32(
                layer.key(p), p.getArray().getShape().getShape(), p.getArray().toFloatArray()));
      }
      if (layer.batchNorm()) {
        tensors.add(NamedTensor.i64Scalar(layer.name() + ".num_batches_tracked", batchesTracked));
      }
    }
    Safetensors.write(file, tensors, metadata(description));
  }

  private static Map<String, String> metadata(EncoderDescription description) {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put(LAYOUT_KEY, LAYOUT);
    metadata.put("arch", "resnet" + description.depth());
    metadata.putAll(description.properties());
    return metadata;
  }
}
