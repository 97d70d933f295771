package dev.cmsf.model;

import static dev.cmsf.model.BlockInspection.convolutions;
import static dev.cmsf.model.BlockInspection.std;
import static dev.cmsf.model.BlockInspection.trainableParameterCount;
import static dev.cmsf.model.BlockInspection.weight;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResNetsTest {

  private NDManager manager;

  @BeforeEach
  void openManager() {
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void closeManager() {
    manager.close();
  }

  private Block initialised(ResNetSpec spec, Shape input) {
    Block block = ResNets.backbone(spec);
    block.initialize(manager, DataType.FLOAT32, input);
    return block;
  }

  private NDArray forward(Block block, Shape input, boolean training) {
    NDArray x = manager.randomNormal(input);
    return block.forward(new ParameterStore(manager, false), new NDList(x), training).head();
  }

  @ParameterizedTest(name = "ResNet-{0} {1} stem: {2} trainable parameters")
  @CsvSource({
    "18, IMAGENET, 11176512",
    "34, IMAGENET, 21284672",
    "50, IMAGENET, 23508032",
    "18, CIFAR, 11168832"
  })
  void trainableParameterCountEqualsTorchvisionWithoutClassifier(
      int depth, Stem stem, long expected) {
    Block block = initialised(new ResNetSpec(depth, stem, 1.0, 3), new Shape(1, 3, 64, 64));
    assertThat(trainableParameterCount(block)).isEqualTo(expected);
  }

  @Test
  void runningStatisticsAreFrozenParametersBesideEachGammaAndBeta() {
    Block block = initialised(new ResNetSpec(18, Stem.CIFAR, 0.5, 1), new Shape(1, 1, 8, 8));
    Map<Parameter.Type, List<Parameter>> byType =
        block.getParameters().values().stream().collect(Collectors.groupingBy(Parameter::getType));
    assertThat(byType.get(Parameter.Type.RUNNING_MEAN)).noneMatch(Parameter::requiresGradient);
    assertThat(byType.get(Parameter.Type.RUNNING_VAR)).noneMatch(Parameter::requiresGradient);
    assertThat(byType.get(Parameter.Type.GAMMA)).allMatch(Parameter::requiresGradient);
    assertThat(byType.get(Parameter.Type.RUNNING_MEAN))
        .hasSameSizeAs(byType.get(Parameter.Type.GAMMA))
        .hasSize(20);
  }

  @Test
  void resNet18IsBuiltFromBasicBlocks() {
    Block block = initialised(new ResNetSpec(18, Stem.IMAGENET, 1.0, 3), new Shape(1, 3, 32, 32));
    Map<Long, Long> kernels = kernelHistogram(convolutions(block));
    // 7x7 stem, 8 blocks of two 3x3, 1x1 only on the three downsampling shortcuts
    assertThat(convolutions(block)).hasSize(20);
    assertThat(kernels).containsExactlyInAnyOrderEntriesOf(Map.of(7L, 1L, 3L, 16L, 1L, 3L));
  }

  @Test
  void resNet50IsBuiltFromBottleneckBlocks() {
    Block block = initialised(new ResNetSpec(50, Stem.IMAGENET, 1.0, 3), new Shape(1, 3, 32, 32));
    Map<Long, Long> kernels = kernelHistogram(convolutions(block));
    // 16 blocks of 1x1-3x3-1x1 plus four projection shortcuts (the first changes width only)
    assertThat(convolutions(block)).hasSize(53);
    assertThat(kernels).containsExactlyInAnyOrderEntriesOf(Map.of(7L, 1L, 3L, 16L, 1L, 36L));
  }

  @Test
  void bottleneckExpandsItsInnerWidthFourTimes() {
    Block block = initialised(new ResNetSpec(50, Stem.CIFAR, 1.0, 3), new Shape(1, 3, 8, 8));
    List<Conv2d> convs = convolutions(block);
    // stem, then the first block's main branch 1x1 (64), 3x3 (64), 1x1 (256)
    assertThat(convs.subList(1, 4))
        .extracting(c -> weight(c).getShape().get(0))
        .containsExactly(64L, 64L, 256L);
  }

  @Test
  void widthMultiplierScalesEveryStage() {
    Block block = initialised(new ResNetSpec(18, Stem.CIFAR, 0.5, 1), new Shape(1, 1, 8, 8));
    assertThat(convolutions(block))
        .extracting(c -> weight(c).getShape().get(0))
        .containsOnly(32L, 64L, 128L, 256L)
        .contains(32L, 64L, 128L, 256L);
  }

  @ParameterizedTest(name = "ResNet-{0} width {1}: {2} features")
  @CsvSource({"18, 1.0, 512", "34, 1.0, 512", "50, 1.0, 2048", "18, 0.5, 256", "50, 0.5, 1024"})
  void featureSizeIsTheLastStageWidthTimesTheExpansion(int depth, double width, int expected) {
    assertThat(ResNets.featureSize(new ResNetSpec(depth, Stem.CIFAR, width, 3)))
        .isEqualTo(expected);
  }

  @Test
  void cifarStemHalfWidthMapsGrayscaleImagesToPooledFeatures() {
    Shape input = new Shape(2, 1, 28, 28);
    Block block = initialised(new ResNetSpec(18, Stem.CIFAR, 0.5, 1), input);
    assertThat(forward(block, input, false).getShape()).isEqualTo(new Shape(2, 256));
    assertThat(block.getOutputShapes(new Shape[] {input})[0]).isEqualTo(new Shape(2, 256));
  }

  @Test
  void imageNetStemMapsRgbImagesToPooledFeatures() {
    Shape input = new Shape(2, 3, 64, 64);
    Block block = initialised(new ResNetSpec(18, Stem.IMAGENET, 1.0, 3), input);
    assertThat(forward(block, input, true).getShape()).isEqualTo(new Shape(2, 512));
  }

  @Test
  void resNet50MapsRgbImagesToPooledFeatures() {
    Shape input = new Shape(2, 3, 64, 64);
    Block block = initialised(new ResNetSpec(50, Stem.IMAGENET, 1.0, 3), input);
    assertThat(forward(block, input, false).getShape()).isEqualTo(new Shape(2, 2048));
  }

  @Test
  void featuresAreNonNegativeBecauseTheyPoolReluOutputs() {
    Shape input = new Shape(2, 3, 32, 32);
    Block block = initialised(new ResNetSpec(34, Stem.CIFAR, 0.25, 3), input);
    NDArray features = forward(block, input, true);
    assertThat(features.getShape()).isEqualTo(new Shape(2, 128));
    assertThat(features.min().getFloat()).isGreaterThanOrEqualTo(0f);
  }

  @ParameterizedTest(name = "ResNet-{0}")
  @CsvSource({"18, CIFAR, 1, 16", "50, IMAGENET, 3, 32"})
  void everyTrainableParameterReceivesAGradient(int depth, Stem stem, int channels, int size) {
    Shape input = new Shape(4, channels, size, size);
    Block block = initialised(new ResNetSpec(depth, stem, 0.25, channels), input);
    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      NDArray out = forward(block, input, true);
      gc.backward(out.mul(manager.randomNormal(out.getShape())).sum());
    }
    List<Parameter> trainable =
        block.getParameters().values().stream().filter(Parameter::requiresGradient).toList();
    assertThat(trainable).isNotEmpty();
    assertThat(trainable)
        .allSatisfy(
            p ->
                assertThat(p.getArray().getGradient().abs().sum().getFloat())
                    .as(p.getName())
                    .isGreaterThan(0f));
  }

  @Test
  void convolutionWeightsFollowKaimingNormalWithFanOut() {
    Block block = initialised(new ResNetSpec(18, Stem.IMAGENET, 1.0, 3), new Shape(1, 3, 32, 32));
    List<Conv2d> large =
        convolutions(block).stream().filter(c -> weight(c).size() >= 100_000).toList();
    assertThat(large).hasSizeGreaterThan(5);
    for (Conv2d conv : large) {
      Shape shape = weight(conv).getShape();
      double fanOut = shape.get(0) * shape.get(2) * shape.get(3);
      double expected = Math.sqrt(2 / fanOut);
      assertThat(std(weight(conv))).isCloseTo(expected, within(0.03 * expected));
      assertThat(weight(conv).mean().getFloat()).isCloseTo(0f, within((float) expected / 20));
    }
  }

  @Test
  void batchNormsStartAsIdentityAffineWithNeutralRunningStatistics() {
    Block block = initialised(new ResNetSpec(18, Stem.CIFAR, 0.25, 1), new Shape(1, 1, 8, 8));
    for (Parameter p : block.getParameters().values()) {
      float expected =
          switch (p.getType()) {
            case GAMMA, RUNNING_VAR -> 1f;
            case BETA, RUNNING_MEAN -> 0f;
            default -> Float.NaN;
          };
      if (!Float.isNaN(expected)) {
        NDArray values = p.getArray();
        assertThat(values.min().getFloat()).as(p.getName()).isEqualTo(expected);
        assertThat(values.max().getFloat()).as(p.getName()).isEqualTo(expected);
      }
    }
  }

  private static Map<Long, Long> kernelHistogram(List<Conv2d> convs) {
    return convs.stream()
        .collect(Collectors.groupingBy(BlockInspection::kernel, Collectors.counting()));
  }
}
