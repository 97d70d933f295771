package dev.cmsf.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.cmsf.augment.ViewSpec;
import dev.cmsf.augment.ViewTransform;
import dev.cmsf.augment.Views;
import dev.cmsf.data.DataSplits;
import dev.cmsf.data.FashionMnist;
import dev.cmsf.data.ImageDataset;
import dev.cmsf.data.SubsetDataset;
import dev.cmsf.model.ResNetSpec;
import dev.cmsf.model.ResNets;
import dev.cmsf.model.Stem;
import dev.cmsf.report.Progress;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Fine-tuning against the frozen linear probe, on a small Fashion-MNIST subset. */
@Tag("integration")
class FineTuneTest {
  private static final int LABELLED = 1000;
  private static final int TEST = 1000;
  private static final int BATCH = 32;
  // the protocol's step schedule with lr 0.01: from random weights 260 steps at 0.001 barely
  // move the new classifier, and the point is the backbone's update, not the rate
  private static final LinearProbe.Settings SETTINGS =
      new LinearProbe.Settings(20, 0.01, 0.9, 1e-4, List.of(15), 0.1, BATCH, 1);

  @Test
  void fineTuning_beatsTheFrozenProbeOfTheSameNetworkAndLabels() {
    assumeTrue(FashionMnist.isAvailable(null), "Fashion-MNIST not installed");
    DataSplits data = DataSplits.open("fashion-mnist", null);
    ImageDataset labelled = SubsetDataset.firstN(data.train(), LABELLED);
    ImageDataset test = SubsetDataset.firstN(data.test(), TEST);
    ViewTransform eval = Views.eval(28, 28, data.stats().mean(), data.stats().std());
    ViewTransform weak = Views.weak(ViewSpec.defaults(28, data.stats().mean(), data.stats().std()));
    try (NDManager manager = NDManager.newBaseManager()) {
      // a randomly initialised tiny network: its features are what a probe can use
      Block backbone = tinyBackbone(manager);
      ParameterStore store = new ParameterStore(manager, false);
      FeatureExtractor frozen =
          new FeatureExtractor(
              x -> backbone.forward(store, new NDList(x), false).singletonOrThrow(), eval, 256, 1);
      // the probe's protocol, with fine-tuning's batch size: as many steps per epoch
      LinearProbeResult probe =
          new LinearProbe(
                  new LinearProbe.Settings(40, 0.01, 0.9, 1e-4, List.of(15, 30), 0.1, BATCH, 1),
                  Progress.none())
              .fit(
                  frozen.extract(labelled, manager, n -> {}),
                  labels(labelled),
                  frozen.extract(test, manager, n -> {}),
                  labels(test),
                  10);

      FineTuneResult tuned =
          new FineTune(SETTINGS, Progress.none())
              .run(backbone, labelled, test, weak, eval, 1, manager);
      assertThat(tuned.labelled()).isEqualTo(LABELLED);
      assertThat(tuned.testSize()).isEqualTo(TEST);
      // measured with 1,000 labelled images: probe 61.6%, fine-tuned 74.5% (init seeds 4 and
      // 5: 66.1 / 75.8, 60.1 / 72.0). With 400 the margin was 8 points and a float-rounding
      // change in the augmentation moved it to 3: too close to the line to test.
      assertThat(tuned.top1()).isGreaterThan(probe.top1() + 0.05);
      assertThat(tuned.top5()).isGreaterThanOrEqualTo(tuned.top1());
    }
  }

  private static Block tinyBackbone(NDManager manager) {
    Engine.getInstance().setRandomSeed(3);
    Block backbone = ResNets.backbone(new ResNetSpec(18, Stem.CIFAR, 0.125, 1));
    backbone.initialize(manager, DataType.FLOAT32, new Shape(2, 1, 28, 28));
    return backbone;
  }

  private static int[] labels(ImageDataset dataset) {
    int[] labels = new int[dataset.size()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = dataset.label(i);
    }
    return labels;
  }
}
