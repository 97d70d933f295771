package dev.cmsf.embed;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import dev.cmsf.augment.EvalView;
import dev.cmsf.model.EncoderDescription;
import dev.cmsf.model.EncoderOutput;
import dev.cmsf.model.MeanShiftNetworks;
import dev.cmsf.model.ParameterIo;
import dev.cmsf.train.RestoredEncoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a trained online encoder as a standalone model. {@link ExportFormat#DJL}: {@code
 * encoder-0000.params} in {@code Model.save}'s format and {@link EncoderDescription#FILE_NAME},
 * from which plain DJL code rebuilds the block ({@link EncoderDescription#block()}) and its
 * preprocessing, then loads it with {@code Criteria}; no training class is needed. {@link
 * ExportFormat#SAFETENSORS}: {@link TorchvisionExport#FILE_NAME}, for PyTorch.
 */
public final class EncoderExport {
  /** Prefix of the parameter file. */
  public static final String MODEL_NAME = "encoder";

  private EncoderExport() {}

  /** As {@link #write(RestoredEncoder, EncoderOutput, ExportFormat, Path)} in DJL's format. */
  public static EncoderDescription write(RestoredEncoder run, EncoderOutput output, Path dir)
      throws IOException {
    return write(run, output, ExportFormat.DJL, dir);
  }

  /**
   * Exports {@code run}'s online encoder (as evaluated: online weights, BatchNorm running
   * statistics) into {@code dir}, created when missing.
   *
   * @return the description of the exported encoder (written beside DJL's parameters, in the
   *     safetensors header's metadata)
   */
  public static EncoderDescription write(
      RestoredEncoder run, EncoderOutput output, ExportFormat format, Path dir) throws IOException {
    MeanShiftNetworks networks = run.networks();
    int size = run.evalView().outputSize();
    int resize = run.evalView() instanceof EvalView view ? view.resize() : size;
    EncoderDescription description =
        EncoderDescription.of(
            MODEL_NAME,
            networks.spec(),
            networks.heads(),
            output,
            resize,
            size,
            run.data().stats().mean(),
            run.data().stats().std());
    Files.createDirectories(dir);
    // a fresh block from the description, so that what is saved is exactly what a loader builds
    // (plain float32 arrays in the default memory layout, whatever the training used)
    Block block = description.block();
    try (Model model = Model.newInstance(MODEL_NAME, Device.cpu())) {
      block.initialize(
          model.getNDManager(), DataType.FLOAT32, new Shape(1, description.channels(), size, size));
      Block trained =
          output == EncoderOutput.BACKBONE ? networks.onlineBackbone() : networks.onlineEncoder();
      ParameterIo.copy(trained, block);
      if (format == ExportFormat.SAFETENSORS) {
        TorchvisionExport.write(
            block, description, run.globalStep(), dir.resolve(TorchvisionExport.FILE_NAME));
        return description;
      }
      model.setBlock(block);
      model.setProperty(
          "source", "cmsf " + run.config().method() + " on " + run.config().dataset());
      model.save(dir, MODEL_NAME);
    }
    description.write(dir);
    return description;
  }
}
