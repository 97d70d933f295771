package dev.cmsf.method.paws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.cmsf.model.EncoderNet;
import dev.cmsf.model.Encoders;
import dev.cmsf.model.HeadSpec;
import dev.cmsf.model.ResNetSpec;
import dev.cmsf.model.Stem;
import dev.cmsf.optim.Sgd;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A few PAWS steps of a tiny ResNet on random 8-px images with 4-px crops. */
class PawsStepTest {
  private static final int B = 4;
  private static final int SIDE = 8;
  private static final int CROP = 4;
  private static final int[] SUPPORT_CLASSES = {0, 1, 0, 1}; // 2 classes x 2 images

  private NDManager manager;

  @BeforeEach
  void open() {
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  private EncoderNet encoder(int seed) {
    Engine.getInstance().setRandomSeed(seed);
    EncoderNet net = Encoders.online(new ResNetSpec(18, Stem.CIFAR, 0.125, 1), new HeadSpec(16, 8));
    net.initialize(manager, DataType.FLOAT32, new Shape(2, 1, SIDE, SIDE));
    return net;
  }

  private PawsStep step(int seed, int crops) {
    PawsSettings d = PawsSettings.defaults(SIDE);
    PawsSettings settings =
        new PawsSettings(
            d.tau(),
            d.sharpen(),
            true,
            d.labelSmoothing(),
            2,
            2,
            crops,
            CROP,
            d.multicropScale(),
            d.cropScale());
    // suncet's optimiser: SGD momentum 0.9, LARS eta 0.001, bias and norm excluded, wd 1e-6
    return new PawsStep(
        encoder(seed), manager, new Sgd.Settings(0.9, 1e-6, true, 0.001), settings, 2);
  }

  private static float[] pixels(Random random, int images, int side) {
    float[] x = new float[images * side * side];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextGaussian();
    }
    return x;
  }

  private static PawsInput input(int crops) {
    Random random = new Random(42);
    return new PawsInput(
        List.of(pixels(random, B, SIDE), pixels(random, B, SIDE)),
        new Shape(B, 1, SIDE, SIDE),
        crops == 0 ? List.of() : List.of(pixels(random, B, CROP), pixels(random, B, CROP)),
        crops == 0 ? null : new Shape(B, 1, CROP, CROP),
        List.of(pixels(random, 4, SIDE), pixels(random, 4, SIDE)),
        new Shape(4, 1, SIDE, SIDE),
        SUPPORT_CLASSES,
        new int[] {0, 1, -1, 1});
  }

  private static float[] firstWeight(PawsStep step) {
    return step.encoder().getParameters().get(0).getValue().getArray().toFloatArray();
  }

  @Test
  void aStep_trainsTheEncoder_andReportsTheLossAndItsParts() {
    try (PawsStep step = step(1, 2)) {
      float[] before = firstWeight(step);

      PawsStep.Metrics m = step.run(manager, input(2), 1.0);

      assertThat(m.loss()).isFinite();
      assertThat(m.loss()).isCloseTo(m.crossEntropy() + m.meMax(), within(1e-5));
      assertThat(m.meMax()).isBetween(-Math.log(2) - 1e-6, 0.0);
      assertThat(m.accuracy()).isBetween(0.0, 1.0); // 3 of 4 images have a known class
      assertThat(firstWeight(step)).isNotEqualTo(before);
    }
  }

  @Test
  void repeatedSteps_onOneBatch_lowerTheLoss() {
    try (PawsStep step = step(1, 0)) {
      PawsInput input = input(0);
      double first = step.run(manager, input, 1.0).loss();
      double last = first;
      for (int i = 0; i < 10; i++) {
        last = step.run(manager, input, 1.0).loss();
      }

      // measured here: 0.115 to -0.250; a margin well above float noise
      assertThat(last).isLessThan(first - 0.1);
    }
  }

  @Test
  void inputFromLoaderBatches_splitsLargeViewsFromCrops_andChecksTheSupportOrder() {
    Random random = new Random(3);
    float[][] views = {pixels(random, B, SIDE), pixels(random, B, SIDE), pixels(random, B, CROP)};
    dev.cmsf.data.Batch unlabelled =
        new dev.cmsf.data.Batch(
            0,
            new int[] {10, 11, 12, 13},
            new int[] {1, 0, 1, 0},
            views,
            1,
            new int[] {SIDE, SIDE, CROP});
    dev.cmsf.data.Batch support =
        new dev.cmsf.data.Batch(
            0,
            new int[] {5, 6, 7, 8},
            new int[] {0, 1, 0, 1},
            new float[][] {pixels(random, 4, SIDE)},
            1,
            new int[] {SIDE});
    SupportSampler.Support drawn =
        new SupportSampler.Support(new int[] {5, 6, 7, 8}, SUPPORT_CLASSES);

    PawsInput input = PawsInput.of(unlabelled, support, drawn);

    assertThat(input.views()).containsExactly(views[0], views[1]);
    assertThat(input.crops()).containsExactly(views[2]);
    assertThat(input.cropShape()).isEqualTo(new Shape(B, 1, CROP, CROP));
    assertThat(input.supportClasses()).containsExactly(SUPPORT_CLASSES);
    assertThat(input.truth()).containsExactly(1, 0, 1, 0);
    SupportSampler.Support other =
        new SupportSampler.Support(new int[] {5, 6, 8, 7}, SUPPORT_CLASSES);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> PawsInput.of(unlabelled, support, other))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("other images than the drawn ones");
  }

  @Test
  void saveAndLoad_continueExactlyAsTheOriginal() throws Exception {
    try (PawsStep original = step(1, 2);
        PawsStep restored = step(7, 2)) {
      PawsInput input = input(2);
      original.run(manager, input, 1.0);
      original.run(manager, input, 1.0); // momentum buffers exist now
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        original.save(out);
      }
      try (DataInputStream in =
          new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
        restored.load(in);
      }

      PawsStep.Metrics a = original.run(manager, input, 1.0);
      PawsStep.Metrics b = restored.run(manager, input, 1.0);

      assertThat(b.loss()).isEqualTo(a.loss());
      assertThat(firstWeight(restored)).containsExactly(firstWeight(original));
    }
  }
}
