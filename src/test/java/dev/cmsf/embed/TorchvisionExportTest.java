package dev.cmsf.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cmsf.model.EncoderDescription;
import dev.cmsf.model.EncoderOutput;
import dev.cmsf.model.HeadSpec;
import dev.cmsf.model.ResNetSpec;
import dev.cmsf.model.Stem;
import dev.cmsf.model.TorchvisionNames;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The safetensors export under torchvision's names: the names alone (no Python), then in PyTorch
 * (skipped when python3-torch is missing) a width-1 ImageNet-stem ResNet-18 and ResNet-50 with
 * every weight and BatchNorm statistic random load into {@code torchvision.models.resnetNN()}
 * leaving out only {@code fc}, and give the embeddings the same export gives in DJL.
 */
class TorchvisionExportTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void resnet18Names_areTorchvisionsStateDictKeys() {
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      List<String> keys = keys(initialised(spec(18), EncoderOutput.BACKBONE, manager));

      // torchvision.models.resnet18().state_dict() less fc.weight and fc.bias: 120 keys
      assertThat(keys).hasSize(120).doesNotHaveDuplicates();
      assertThat(keys.subList(0, 6))
          .containsExactly(
              "conv1.weight",
              "bn1.weight",
              "bn1.bias",
              "bn1.running_mean",
              "bn1.running_var",
              "bn1.num_batches_tracked");
      assertThat(keys)
          .contains(
              "layer1.0.conv2.weight",
              "layer2.0.downsample.0.weight",
              "layer2.0.downsample.1.running_var",
              "layer4.1.bn2.num_batches_tracked")
          .doesNotContain("layer1.0.downsample.0.weight", "layer2.1.downsample.0.weight");
    }
  }

  @Test
  void resnet50Names_haveBottlenecksWithAShortcutAtTheFirstBlockOfEveryStage() {
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      List<String> keys = keys(initialised(spec(50), EncoderOutput.BACKBONE, manager));

      assertThat(keys).hasSize(318).doesNotHaveDuplicates(); // resnet50 less fc
      assertThat(keys)
          .contains(
              "layer1.0.downsample.0.weight", "layer3.5.conv3.weight", "layer4.2.bn3.running_mean");
    }
  }

  @Test
  void projectionExport_putsTheHeadInFcAsASequential() {
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      List<String> keys = keys(initialised(spec(18), EncoderOutput.PROJECTION, manager));

      assertThat(keys.subList(120, keys.size()))
          .containsExactly(
              "fc.0.weight",
              "fc.0.bias",
              "fc.1.weight",
              "fc.1.bias",
              "fc.1.running_mean",
              "fc.1.running_var",
              "fc.1.num_batches_tracked",
              "fc.3.weight",
              "fc.3.bias");
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {18, 50})
  void widthOneImagenetStem_loadsIntoTorchvision_andEmbedsAsDjl(int depth) throws Exception {
    TorchPython.assumeAvailable();
    EncoderDescription d = description(spec(depth), EncoderOutput.BACKBONE);
    writeBothFormats(d);

    JsonNode left =
        JSON.readTree(
            TorchPython.tool("--torchvision", dir.resolve(TorchvisionExport.FILE_NAME).toString())
                .get(0));
    assertThat(left.get("missing").toString()).isEqualTo("[\"fc.bias\",\"fc.weight\"]");
    assertThat(left.get("unexpected").toString()).isEqualTo("[]");

    List<Path> images = images(3, d.imageSize(), BufferedImage.TYPE_INT_RGB);
    assertTorchEmbedsAsDjl(images);
  }

  @Test
  void cifarStemHalfWidthOneChannelProjection_buildsInPythonAndEmbedsAsDjl() throws Exception {
    TorchPython.assumeAvailable();
    writeBothFormats(description(new ResNetSpec(18, Stem.CIFAR, 0.5, 1), EncoderOutput.PROJECTION));

    // 8-bit gray files: RGB to luma is rounded differently by PIL (fixed point) and cmsf
    assertTorchEmbedsAsDjl(images(2, 32, BufferedImage.TYPE_BYTE_GRAY));
  }

  private void assertTorchEmbedsAsDjl(List<Path> images) throws Exception {
    List<String> args =
        new ArrayList<>(List.of(dir.resolve(TorchvisionExport.FILE_NAME).toString()));
    images.forEach(p -> args.add(p.toString()));
    List<String> lines = TorchPython.tool(args.toArray(String[]::new));
    List<BufferedImage> decoded = new ArrayList<>();
    for (Path p : images) {
      decoded.add(ImageIO.read(p.toFile()));
    }
    float[][] expected;
    try (ExportedEncoder encoder = ExportedEncoder.load(dir)) {
      expected = encoder.embed(decoded);
    }
    assertThat(lines).hasSize(images.size());
    for (int i = 0; i < images.size(); i++) {
      JsonNode embedding = JSON.readTree(lines.get(i)).get("embedding");
      float[] torch = new float[embedding.size()];
      for (int j = 0; j < torch.length; j++) {
        torch[j] = embedding.get(j).floatValue();
      }
      // random weights through 50 layers: values up to about 10, so a relative tolerance
      float scale = 1;
      for (float v : expected[i]) {
        scale = Math.max(scale, Math.abs(v));
      }
      assertThat(torch).containsExactly(expected[i], within(1e-4f * scale));
    }
  }

  private static ResNetSpec spec(int depth) {
    return new ResNetSpec(depth, Stem.IMAGENET, 1.0, 3);
  }

  private static EncoderDescription description(ResNetSpec spec, EncoderOutput output) {
    int size = spec.stem() == Stem.IMAGENET ? 64 : 32;
    float[] mean =
        spec.inputChannels() == 3 ? new float[] {0.485f, 0.456f, 0.406f} : new float[] {0.3f};
    float[] std =
        spec.inputChannels() == 3 ? new float[] {0.229f, 0.224f, 0.225f} : new float[] {0.35f};
    return EncoderDescription.of(
        "encoder", spec, new HeadSpec(64, 16), output, size, size, mean, std);
  }

  /** The architecture with random weights and BatchNorm statistics, in both export formats. */
  private void writeBothFormats(EncoderDescription d) throws Exception {
    try (Model model = Model.newInstance("encoder", Device.cpu())) {
      Block block = d.block();
      block.initialize(
          model.getNDManager(),
          DataType.FLOAT32,
          new Shape(2, d.channels(), d.imageSize(), d.imageSize()));
      randomiseBatchNorms(block, model.getNDManager());
      TorchvisionExport.write(block, d, 42, dir.resolve(TorchvisionExport.FILE_NAME));
      model.setBlock(block);
      model.save(dir, "encoder");
      d.write(dir);
    }
  }

  /**
   * Distinct statistics per layer: at initialisation every BatchNorm is (1, 0, 0, 1), which would
   * hide a swap of weight and bias or of mean and variance.
   */
  private static void randomiseBatchNorms(Block block, NDManager manager) {
    manager.getEngine().setRandomSeed(7);
    for (Pair<String, Parameter> p : block.getParameters()) {
      NDArray array = p.getValue().getArray();
      String name = p.getValue().getName();
      float[] range =
          switch (name) {
            case "gamma" -> new float[] {0.5f, 1f};
            case "beta", "runningMean" -> new float[] {-0.2f, 0.2f};
            case "runningVar" -> new float[] {0.5f, 1.5f};
            default -> null;
          };
      if (range != null) {
        manager.randomUniform(range[0], range[1], array.getShape()).copyTo(array);
      }
    }
  }

  private List<Path> images(int count, int side, int type) throws Exception {
    List<Path> files = new ArrayList<>();
    for (int n = 0; n < count; n++) {
      BufferedImage image = new BufferedImage(side, side, type);
      for (int y = 0; y < side; y++) {
        for (int x = 0; x < side; x++) {
          int r = (x * 7 + n * 31) & 0xff;
          int g = (y * 5 + n * 17) & 0xff;
          int b = ((x ^ y) * 3 + n) & 0xff;
          image.setRGB(x, y, (r << 16) | (g << 8) | b);
        }
      }
      Path file = dir.resolve("img" + n + ".png");
      ImageIO.write(image, "png", file.toFile());
      files.add(file);
    }
    return files;
  }

  private static Block initialised(ResNetSpec spec, EncoderOutput output, NDManager manager) {
    Block block = description(spec, output).block();
    block.initialize(manager, DataType.FLOAT32, new Shape(2, spec.inputChannels(), 64, 64));
    return block;
  }

  private static List<String> keys(Block block) {
    EncoderOutput output =
        block instanceof dev.cmsf.model.EncoderNet
            ? EncoderOutput.PROJECTION
            : EncoderOutput.BACKBONE;
    List<String> keys = new ArrayList<>();
    for (TorchvisionNames.Layer layer : TorchvisionNames.layers(block, output)) {
      for (Parameter p : layer.block().getDirectParameters().values()) {
        keys.add(layer.key(p));
      }
      if (layer.batchNorm()) {
        keys.add(layer.name() + ".num_batches_tracked");
      }
    }
    return keys;
  }
}
