package dev.cmsf.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import org.junit.jupiter.api.Test;

class FlopCounterTest {
  private static long macs(Block block, Shape input) {
    try (NDManager manager = NDManager.newBaseManager()) {
      block.initialize(manager, DataType.FLOAT32, input);
      return FlopCounter.macs(block, input);
    }
  }

  @Test
  void resNet18At224MatchesTorchvisionWithoutItsClassifier() {
    // torchvision resnet18: 1.8142 GMACs, of which the 512x1000 classifier 0.512 M
    Block backbone = ResNets.backbone(new ResNetSpec(18, Stem.IMAGENET, 1.0, 3));
    assertThat(macs(backbone, new Shape(1, 3, 224, 224))).isEqualTo(1_813_561_344L);
  }

  @Test
  void scalesWithTheBatch() {
    Block one = ResNets.backbone(new ResNetSpec(18, Stem.CIFAR, 0.5, 1));
    Block four = ResNets.backbone(new ResNetSpec(18, Stem.CIFAR, 0.5, 1));
    assertThat(macs(four, new Shape(4, 1, 28, 28)))
        .isEqualTo(4 * macs(one, new Shape(1, 1, 28, 28)));
  }

  @Test
  void mlpCountsItsTwoLinearLayers() {
    Block mlp = Mlp.of(256, 512, 64);
    assertThat(macs(mlp, new Shape(8, 256))).isEqualTo(8L * (256 * 512 + 512 * 64));
  }
}
